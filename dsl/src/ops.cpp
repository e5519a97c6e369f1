// The recorder: each call appends one plain operation value; nothing else happens here.
#include <retort/operations.hpp>

#include <utility>

namespace retort {

namespace {
/// "schema.table" in a name is split, so `op.drop_table("audit.events")` works as in SQL.
void split_qualified(std::string& schema, std::string& name) {
    if (!schema.empty()) return;
    auto dot = name.find('.');
    if (dot == std::string::npos) return;
    schema = name.substr(0, dot);
    name = name.substr(dot + 1);
}
}  // namespace

void ops::create_table(std::string name, std::vector<TableElement> elements, table_options options) {
    op::create_table o;
    o.schema = std::move(options.schema);
    o.name = std::move(name);
    split_qualified(o.schema, o.name);
    for (auto& e : elements) {
        if (e.is_column) o.columns.push_back(std::move(e.column));
        else o.constraints.push_back(std::move(e.constraint));
    }
    o.comment = std::move(options.comment);
    o.if_not_exists = options.if_not_exists;
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_table(std::string name, drop_table_options options) {
    op::drop_table o{std::move(options.schema), std::move(name), options.if_exists, options.cascade};
    split_qualified(o.schema, o.name);
    m_list->items.emplace_back(std::move(o));
}

void ops::add_column(std::string table, Column column, column_options options) {
    op::add_column o{std::move(options.schema), std::move(table), std::move(column), options.if_not_exists};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_column(std::string table, std::string column, drop_column_options options) {
    op::drop_column o{std::move(options.schema), std::move(table), std::move(column), options.if_exists,
                      options.cascade};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::create_index(std::string name, std::string table, std::vector<std::string> columns,
                       index_options options) {
    op::create_index o{std::move(options.schema), std::move(name), std::move(table), std::move(columns),
                       std::move(options)};
    o.options.schema.clear();
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_index(std::string name, drop_index_options options) {
    op::drop_index o{std::move(options.schema), std::move(name), options.concurrently, options.if_exists,
                     options.cascade};
    split_qualified(o.schema, o.name);
    m_list->items.emplace_back(std::move(o));
}

void ops::create_foreign_key(std::string name, std::string source_table, std::string referent_table,
                             std::vector<std::string> local_columns, std::vector<std::string> remote_columns,
                             foreign_key_constraint_options options) {
    Constraint c = ForeignKeyConstraint(std::move(local_columns), std::move(referent_table),
                                        std::move(remote_columns), std::move(name),
                                        {std::move(options.ondelete), std::move(options.onupdate),
                                         options.deferrable, std::move(options.initially),
                                         std::move(options.match), {}, std::move(options.referent_schema)});
    op::add_constraint o{std::move(options.source_schema), std::move(source_table), std::move(c),
                         options.not_valid};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_constraint(std::string name, std::string table, drop_constraint_options options) {
    op::drop_constraint o{std::move(options.schema), std::move(table), std::move(name), options.if_exists,
                          options.cascade};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::execute(std::string sql_text) { m_list->items.emplace_back(op::execute{std::move(sql_text)}); }

std::vector<op::operation> record(void (*fn)(ops&)) {
    detail::op_list list;
    ops recorder{list};
    fn(recorder);
    return std::move(list.items);
}

}  // namespace retort
