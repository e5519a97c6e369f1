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

op::create_table make_create_table(std::string_view name, const TableElement* begin, const TableElement* end,
                                   table_options& options) {
    op::create_table o;
    o.schema = std::move(options.schema);
    o.name = name;
    split_qualified(o.schema, o.name);
    for (const auto* e = begin; e != end; ++e) {
        if (e->is_column) o.columns.push_back(e->column);
        else o.constraints.push_back(e->constraint);
    }
    o.comment = std::move(options.comment);
    o.if_not_exists = options.if_not_exists;
    return o;
}
}  // namespace

// Out of line so that revisions call these instead of compiling them (see migration.hpp).
table_options::~table_options() = default;
drop_table_options::~drop_table_options() = default;
column_options::~column_options() = default;
drop_column_options::~drop_column_options() = default;
index_options::~index_options() = default;
drop_index_options::~drop_index_options() = default;
drop_constraint_options::~drop_constraint_options() = default;
foreign_key_constraint_options::~foreign_key_constraint_options() = default;

void ops::create_table(std::string_view name, std::initializer_list<TableElement> elements, table_options options) {
    m_list->items.emplace_back(make_create_table(name, elements.begin(), elements.end(), options));
}

void ops::create_table(std::string_view name, const std::vector<TableElement>& elements, table_options options) {
    m_list->items.emplace_back(make_create_table(name, elements.data(), elements.data() + elements.size(), options));
}

void ops::drop_table(std::string_view name, drop_table_options options) {
    op::drop_table o{std::move(options.schema), std::string(name), options.if_exists, options.cascade};
    split_qualified(o.schema, o.name);
    m_list->items.emplace_back(std::move(o));
}

void ops::add_column(std::string_view table, Column column, column_options options) {
    op::add_column o{std::move(options.schema), std::string(table), std::move(column), options.if_not_exists};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_column(std::string_view table, std::string_view column, drop_column_options options) {
    op::drop_column o{std::move(options.schema), std::string(table), std::string(column), options.if_exists,
                      options.cascade};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::create_index(std::string_view name, std::string_view table, names columns, index_options options) {
    op::create_index o{std::move(options.schema), std::string(name), std::string(table), std::move(columns.items),
                       std::move(options)};
    o.options.schema.clear();
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_index(std::string_view name, drop_index_options options) {
    op::drop_index o{std::move(options.schema), std::string(name), options.concurrently, options.if_exists,
                     options.cascade};
    split_qualified(o.schema, o.name);
    m_list->items.emplace_back(std::move(o));
}

void ops::create_foreign_key(std::string_view name, std::string_view source_table, std::string_view referent_table,
                             names local_columns, names remote_columns, foreign_key_constraint_options options) {
    Constraint c = ForeignKeyConstraint(std::move(local_columns), referent_table, std::move(remote_columns), name,
                                        {std::move(options.ondelete), std::move(options.onupdate),
                                         options.deferrable, std::move(options.initially),
                                         std::move(options.match), {}, std::move(options.referent_schema)});
    op::add_constraint o{std::move(options.source_schema), std::string(source_table), std::move(c),
                         options.not_valid};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::drop_constraint(std::string_view name, std::string_view table, drop_constraint_options options) {
    op::drop_constraint o{std::move(options.schema), std::string(table), std::string(name), options.if_exists,
                          options.cascade};
    split_qualified(o.schema, o.table);
    m_list->items.emplace_back(std::move(o));
}

void ops::execute(std::string_view sql_text) { m_list->items.emplace_back(op::execute{std::string(sql_text)}); }

std::vector<op::operation> record(void (*fn)(ops&)) {
    detail::op_list list;
    ops recorder{list};
    fn(recorder);
    return std::move(list.items);
}

}  // namespace retort
