// The recorder: each call appends one plain operation value (and where it was written);
// nothing else happens here.
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

void detail::op_list::add(op::operation o, const here& where) {
    items.push_back(std::move(o));
    origins.push_back({where.file_name(), static_cast<unsigned>(where.line())});
}

void ops::create_table(std::string name, std::initializer_list<TableElement> elements, table_options options,
                       here where) {
    create_table(std::move(name), std::vector<TableElement>(elements), std::move(options), where);
}

void ops::create_table(std::string name, const std::vector<TableElement>& elements, table_options options,
                       here where) {
    op::create_table o;
    o.schema = std::move(options.schema);
    o.name = std::move(name);
    split_qualified(o.schema, o.name);
    for (const auto& e : elements) {
        if (e.is_column) o.columns.push_back(e.column);
        else o.constraints.push_back(e.constraint);
    }
    o.comment = std::move(options.comment);
    o.if_not_exists = options.if_not_exists;
    m_list->add(std::move(o), where);
}

void ops::drop_table(std::string name, drop_table_options options, here where) {
    op::drop_table o{std::move(options.schema), std::move(name), options.if_exists, options.cascade};
    split_qualified(o.schema, o.name);
    m_list->add(std::move(o), where);
}

void ops::rename_table(std::string old_name, std::string new_name, schema_options options, here where) {
    op::rename_table o{std::move(options.schema), std::move(old_name), std::move(new_name)};
    split_qualified(o.schema, o.old_name);
    m_list->add(std::move(o), where);
}

void ops::create_table_comment(std::string table, std::string comment, schema_options options,
                               here where) {
    op::table_comment o{std::move(options.schema), std::move(table), std::move(comment)};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::drop_table_comment(std::string table, schema_options options, here where) {
    create_table_comment(std::move(table), {}, std::move(options), where);
}

void ops::add_column(std::string table, Column column, column_options options, here where) {
    op::add_column o{std::move(options.schema), std::move(table), std::move(column), options.if_not_exists};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::drop_column(std::string table, std::string column, drop_column_options options, here where) {
    op::drop_column o{std::move(options.schema), std::move(table), std::move(column), options.if_exists,
                      options.cascade};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::alter_column(std::string table, std::string column, alter_column_options options, here where) {
    op::alter_column o{std::move(options.schema), std::move(table), std::move(column), std::move(options)};
    o.options.schema.clear();
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::create_enum(std::string name, names values, enum_options options,
                      here where) {
    op::create_enum o{std::move(options.schema), std::move(name), std::move(values.items)};
    split_qualified(o.schema, o.name);
    m_list->add(std::move(o), where);
}

void ops::drop_enum(std::string name, drop_enum_options options, here where) {
    op::drop_enum o{std::move(options.schema), std::move(name), options.if_exists, options.cascade};
    split_qualified(o.schema, o.name);
    m_list->add(std::move(o), where);
}

void ops::add_enum_value(std::string enum_name, std::string value, enum_value_options options,
                         here where) {
    op::add_enum_value o{std::move(options.schema), std::move(enum_name), std::move(value),
                         std::move(options.before), std::move(options.after), options.if_not_exists};
    split_qualified(o.schema, o.name);
    m_list->add(std::move(o), where);
}

namespace {
op::add_constraint table_constraint(std::string schema, std::string table, Constraint c, bool not_valid = false) {
    op::add_constraint o{std::move(schema), std::move(table), std::move(c), not_valid, {}, false};
    split_qualified(o.schema, o.table);
    return o;
}
}  // namespace

void ops::create_primary_key(std::string name, std::string table, names columns,
                             schema_options options, here where) {
    m_list->add(table_constraint(std::move(options.schema), std::move(table),
                                 PrimaryKeyConstraint(std::move(columns), std::move(name))),
                where);
}

void ops::create_unique_constraint(std::string name, std::string table, names columns,
                                   unique_constraint_options options, here where) {
    Constraint c = UniqueConstraint(std::move(columns), std::move(name));
    c.fk.deferrable = options.deferrable;
    c.fk.initially = std::move(options.initially);
    auto o = table_constraint(std::move(options.schema), std::move(table), std::move(c));
    o.using_index = std::move(options.using_index);
    o.concurrently = options.concurrently;
    m_list->add(std::move(o), where);
}

void ops::set_not_null(std::string table, std::string column, schema_options options, here where) {
    op::set_not_null o{std::move(options.schema), std::move(table), std::move(column)};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::backfill(std::string table, std::string set_sql, std::string where_sql, backfill_options options,
                   here where) {
    op::backfill o{std::move(options.schema), std::move(table),        std::move(set_sql), std::move(where_sql),
                   std::move(options.key),    options.batch_rows, options.pause_ms};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::create_check_constraint(std::string name, std::string table, std::string condition,
                                  check_constraint_options options, here where) {
    m_list->add(table_constraint(std::move(options.schema), std::move(table),
                                 CheckConstraint(std::move(condition), std::move(name)), options.not_valid),
                where);
}

void ops::create_foreign_key(std::string name, std::string source_table, std::string referent_table,
                             names local_columns, names remote_columns,
                             foreign_key_constraint_options options, here where) {
    Constraint c = ForeignKeyConstraint(std::move(local_columns), std::move(referent_table),
                                        std::move(remote_columns), std::move(name),
                                        {std::move(options.ondelete), std::move(options.onupdate),
                                         options.deferrable, std::move(options.initially),
                                         std::move(options.match), {}, std::move(options.referent_schema)});
    m_list->add(table_constraint(std::move(options.source_schema), std::move(source_table), std::move(c),
                                 options.not_valid),
                where);
}

void ops::create_exclude_constraint(std::string name, std::string table, std::initializer_list<exclude_element> elements,
                                    exclude_constraint_options options, here where) {
    op::add_exclude_constraint o{std::move(options.schema), std::move(table),          std::move(name),
                                 elements,                  std::move(options.using_method), std::move(options.where),
                                 options.deferrable,        std::move(options.initially)};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::validate_constraint(std::string name, std::string table, schema_options options, here where) {
    op::validate_constraint o{std::move(options.schema), std::move(table), std::move(name)};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::drop_constraint(std::string name, std::string table, drop_constraint_options options,
                          here where) {
    op::drop_constraint o{std::move(options.schema), std::move(table), std::move(name), options.if_exists,
                          options.cascade};
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::create_index(std::string name, std::string table, names columns,
                       index_options options, here where) {
    op::create_index o{std::move(options.schema), std::move(name), std::move(table), std::move(columns.items),
                       std::move(options)};
    o.options.schema.clear();
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::drop_index(std::string name, drop_index_options options, here where) {
    op::drop_index o{std::move(options.schema), std::move(name), options.concurrently, options.if_exists,
                     options.cascade};
    split_qualified(o.schema, o.name);
    m_list->add(std::move(o), where);
}

void ops::execute(std::string sql_text, values params, here where) {
    m_list->add(op::execute{std::move(sql_text), std::move(params.items)}, where);
}

void ops::bulk_insert(std::string table, names columns, std::initializer_list<values> rows, schema_options options,
                      here where) {
    bulk_insert(std::move(table), std::move(columns), std::vector<values>(rows), std::move(options), where);
}

void ops::bulk_insert(std::string table, names columns, const std::vector<values>& rows, schema_options options,
                      here where) {
    op::bulk_insert o{std::move(options.schema), std::move(table), std::move(columns.items), {}};
    for (const auto& row : rows) o.rows.push_back(row.items);
    split_qualified(o.schema, o.table);
    m_list->add(std::move(o), where);
}

void ops::run_code(void (*fn)(connection&), here where) { m_list->add(op::run_code{fn}, where); }

void ops::irreversible(std::string reason, here where) { m_list->add(op::irreversible{std::move(reason)}, where); }

autocommit_scope ops::autocommit_block(here where) { return autocommit_scope(*m_list, where); }

autocommit_scope::autocommit_scope(detail::op_list& list, here where) noexcept
    : m_list(&list), m_where(where) {
    m_list->add(op::begin_autocommit{}, m_where);
}

autocommit_scope::~autocommit_scope() { m_list->add(op::end_autocommit{}, m_where); }

recording record_with_origins(void (*fn)(ops&)) {
    detail::op_list list;
    ops recorder{list};
    fn(recorder);
    return {std::move(list.items), std::move(list.origins)};
}

std::vector<op::operation> record(void (*fn)(ops&)) { return record_with_origins(fn).operations; }

}  // namespace retort
