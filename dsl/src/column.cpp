// Column and constraint builders.
#include <retort/migration.hpp>

#include <utility>

namespace retort {

Column::Column(std::string column_name, Type column_type)
    : name(std::move(column_name)), type(std::move(column_type)) {}

Column& Column::primary_key(bool on) { is_primary_key = on; return *this; }
Column& Column::nullable(bool on) { is_nullable = on ? 1 : 0; return *this; }
Column& Column::unique(bool on) { is_unique = on; return *this; }
Column& Column::index(bool on) { is_indexed = on; return *this; }
Column& Column::comment(std::string text) { comment_text = std::move(text); return *this; }
Column& Column::autoincrement(bool on) { auto_increment = on ? 1 : 0; return *this; }

Column& Column::server_default(std::string literal) {
    has_server_default = true;
    server_default_is_sql = false;
    server_default_text = std::move(literal);
    return *this;
}

Column& Column::server_default(sql_text expression) {
    has_server_default = true;
    server_default_is_sql = true;
    server_default_text = std::move(expression.text);
    return *this;
}

Column& Column::identity(identity_options options) {
    has_identity = true;
    identity_opts = options;
    return *this;
}

Column& Column::foreign_key(std::string table_dot_column, foreign_key_options options) {
    foreign_key_target = std::move(table_dot_column);
    foreign_key_opts = std::move(options);
    return *this;
}

namespace {
Constraint make(constraint_kind kind, names columns, std::string name) {
    Constraint c{kind};
    c.columns = std::move(columns.items);
    c.name = std::move(name);
    return c;
}
}  // namespace

Constraint PrimaryKeyConstraint(names columns, std::string name) {
    return make(constraint_kind::primary_key, std::move(columns), std::move(name));
}

Constraint UniqueConstraint(names columns, std::string name) {
    return make(constraint_kind::unique, std::move(columns), std::move(name));
}

Constraint CheckConstraint(std::string expression, std::string name) {
    Constraint c = make(constraint_kind::check, {}, std::move(name));
    c.expression = std::move(expression);
    return c;
}

Constraint ForeignKeyConstraint(names columns, std::string referent_table, names referent_columns, std::string name,
                                foreign_key_options options) {
    Constraint c = make(constraint_kind::foreign_key, std::move(columns), std::move(name));
    c.referent_table = std::move(referent_table);
    c.referent_columns = std::move(referent_columns.items);
    c.fk = std::move(options);
    return c;
}

TableElement::TableElement(Column c)
    : is_column(true), column(std::move(c)), constraint(constraint_kind::check) {}

TableElement::TableElement(Constraint c)
    : is_column(false), column("", Integer()), constraint(std::move(c)) {}

}  // namespace retort
