// Column and constraint builders.
#include <retort/migration.hpp>

#include <utility>

namespace retort {

Column::Column(std::string_view column_name, Type column_type) : name(column_name), type(std::move(column_type)) {}

// Out of line so that revisions call these instead of compiling them (see migration.hpp).
Column::Column(const Column&) = default;
Column::Column(Column&&) noexcept = default;
Column& Column::operator=(const Column&) = default;
Column& Column::operator=(Column&&) noexcept = default;
Column::~Column() = default;
Constraint::Constraint(const Constraint&) = default;
Constraint::Constraint(Constraint&&) noexcept = default;
Constraint& Constraint::operator=(const Constraint&) = default;
Constraint& Constraint::operator=(Constraint&&) noexcept = default;
Constraint::~Constraint() = default;
TableElement::TableElement(const TableElement&) = default;
TableElement::TableElement(TableElement&&) noexcept = default;
TableElement::~TableElement() = default;
foreign_key_options::~foreign_key_options() = default;

Column& Column::primary_key(bool on) { is_primary_key = on; return *this; }
Column& Column::nullable(bool on) { is_nullable = on ? 1 : 0; return *this; }
Column& Column::unique(bool on) { is_unique = on; return *this; }
Column& Column::index(bool on) { is_indexed = on; return *this; }
Column& Column::comment(std::string_view text) { comment_text = text; return *this; }
Column& Column::autoincrement(bool on) { auto_increment = on ? 1 : 0; return *this; }

Column& Column::server_default(std::string_view literal) {
    has_server_default = true;
    server_default_is_sql = false;
    server_default_text = literal;
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

Column& Column::foreign_key(std::string_view table_dot_column, foreign_key_options options) {
    foreign_key_target = table_dot_column;
    foreign_key_opts = std::move(options);
    return *this;
}

namespace {
Constraint make(constraint_kind kind, std::vector<std::string> columns, std::string_view name) {
    Constraint c{kind};
    c.columns = std::move(columns);
    c.name = name;
    return c;
}
}  // namespace

Constraint PrimaryKeyConstraint(names columns, std::string_view name) {
    return make(constraint_kind::primary_key, std::move(columns.items), name);
}

Constraint UniqueConstraint(names columns, std::string_view name) {
    return make(constraint_kind::unique, std::move(columns.items), name);
}

Constraint CheckConstraint(std::string_view expression, std::string_view name) {
    Constraint c = make(constraint_kind::check, {}, name);
    c.expression = expression;
    return c;
}

Constraint ForeignKeyConstraint(names columns, std::string_view referent_table, names referent_columns,
                                std::string_view name, foreign_key_options options) {
    Constraint c = make(constraint_kind::foreign_key, std::move(columns.items), name);
    c.referent_table = referent_table;
    c.referent_columns = std::move(referent_columns.items);
    c.fk = std::move(options);
    return c;
}

TableElement::TableElement(Column c)
    : is_column(true), column(std::move(c)), constraint(constraint_kind::check) {}

TableElement::TableElement(Constraint c)
    : is_column(false), column("", Integer()), constraint(std::move(c)) {}

}  // namespace retort
