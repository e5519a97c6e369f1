// The one header a revision includes. Standard library only (<string>, <vector>):
// a project with thousands of revisions compiles this header thousands of times,
// so every function here is declared, not defined; the work lives in libretort_dsl.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace retort {

// ---------------------------------------------------------------- types

enum class type_kind : unsigned char {
    small_integer, integer, big_integer, numeric, real, double_precision, boolean,
    text, varchar, character, date, time, timestamp, interval, uuid, json, jsonb,
    bytea, enumeration, raw,
};

/// A column type. Built by the factory functions below (`Integer()`, `String(255)`...);
/// the constructor is explicit and takes a kind, so a string can never stand where a type is expected.
struct Type {
    explicit Type(type_kind k) noexcept : kind(k) {}
    type_kind kind;
    int length = -1;                      ///< varchar(n) / char(n); -1: none
    int precision = -1;                   ///< numeric(p, s), float(p), time(p), timestamp(p)
    int scale = -1;
    bool timezone = false;                ///< time / timestamp WITH TIME ZONE
    int array_dimensions = 0;             ///< ARRAY(t) adds one
    std::string name;                     ///< enum type name, or the SQL text of raw_type()
    std::vector<std::string> enum_values; ///< for Enum()
};

Type SmallInteger();
Type Integer();
Type BigInteger();
Type Numeric(int precision = -1, int scale = -1);
Type Float(int precision = -1);
Type Double();
Type Boolean();
Type Text();
Type String(int length = -1);
Type CHAR(int length = -1);
Type Date();
Type Time(bool timezone = false);
Type DateTime(bool timezone = false);
Type Interval();
Type UUID();
Type JSON();
Type JSONB();
Type LargeBinary();
Type ARRAY(Type element, int dimensions = 1);
Type Enum(std::string name, std::vector<std::string> values);
/// Escape hatch: the SQL text of any type PostgreSQL knows ("tsvector", "inet", "citext").
Type raw_type(std::string sql);

/// SQL text used verbatim (`now()`, `lower(email)`), as opposed to a quoted literal.
struct sql_text {
    std::string text;
};
sql_text sql(std::string text);

// ---------------------------------------------------------------- columns and constraints

/// Referential options shared by inline and table-level foreign keys and `create_foreign_key`.
struct foreign_key_options {
    std::string ondelete;      ///< CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT
    std::string onupdate;
    bool deferrable = false;
    std::string initially;     ///< DEFERRED or IMMEDIATE
    std::string match;         ///< FULL, SIMPLE
    std::string source_schema;
    std::string referent_schema;
};

/// GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY.
struct identity_options {
    bool always = false;
    long long start = 0;       ///< 0: the server's default
    long long increment = 0;
};

/// One column of `create_table` or `add_column`: `Column("email", String(255)).nullable(false)`.
class Column {
public:
    Column(std::string name, Type type);

    Column& primary_key(bool on = true);
    Column& nullable(bool on);
    Column& unique(bool on = true);
    Column& index(bool on = true);                 ///< like SQLAlchemy's index=True: ix_<table>_<column>
    Column& server_default(std::string literal);   ///< rendered as a quoted literal: DEFAULT 'x'
    Column& server_default(sql_text expression);   ///< rendered verbatim: DEFAULT now()
    Column& comment(std::string text);
    Column& autoincrement(bool on);                ///< false keeps an integer primary key from becoming SERIAL
    Column& identity(identity_options options = {});
    Column& foreign_key(std::string table_dot_column, foreign_key_options options = {});

    std::string name;
    Type type;
    int is_nullable = -1;                          ///< -1: the default (NOT NULL only for primary keys)
    bool is_primary_key = false;
    bool is_unique = false;
    bool is_indexed = false;
    int auto_increment = -1;                       ///< -1: SQLAlchemy's "auto"
    bool has_server_default = false;
    bool server_default_is_sql = false;
    std::string server_default_text;
    std::string comment_text;
    bool has_identity = false;
    identity_options identity_opts;
    std::string foreign_key_target;                ///< "table.column" or "schema.table.column"
    foreign_key_options foreign_key_opts;
};

enum class constraint_kind : unsigned char { primary_key, unique, check, foreign_key };

/// A table-level constraint; made by PrimaryKeyConstraint(), UniqueConstraint(),
/// CheckConstraint() and ForeignKeyConstraint().
struct Constraint {
    explicit Constraint(constraint_kind k) noexcept : kind(k) {}
    constraint_kind kind;
    std::string name;
    std::vector<std::string> columns;
    std::string expression;                        ///< CHECK
    std::string referent_table;                    ///< FOREIGN KEY
    std::vector<std::string> referent_columns;
    foreign_key_options fk;
};

Constraint PrimaryKeyConstraint(std::vector<std::string> columns, std::string name = {});
Constraint UniqueConstraint(std::vector<std::string> columns, std::string name = {});
Constraint CheckConstraint(std::string expression, std::string name = {});
Constraint ForeignKeyConstraint(std::vector<std::string> columns, std::string referent_table,
                                std::vector<std::string> referent_columns, std::string name = {},
                                foreign_key_options options = {});

/// What `create_table` takes: a column or a table-level constraint, in any order.
class TableElement {
public:
    TableElement(Column column);
    TableElement(Constraint constraint);
    bool is_column;
    Column column;
    Constraint constraint;
};

// ---------------------------------------------------------------- options per operation
// One struct per operation, so `{.unique = true}` compiles for create_index and not for drop_table.

struct table_options {
    std::string schema;
    std::string comment;
    bool if_not_exists = false;
};

struct drop_table_options {
    std::string schema;
    bool if_exists = false;
    bool cascade = false;
};

struct column_options {
    std::string schema;
    bool if_not_exists = false;
};

struct drop_column_options {
    std::string schema;
    bool if_exists = false;
    bool cascade = false;
};

struct index_options {
    bool unique = false;
    std::string schema;
    std::string where;                 ///< partial index predicate
    std::string method;                ///< USING gin / gist / brin / hash
    std::vector<std::string> include;  ///< INCLUDE (...)
    bool concurrently = false;
    bool if_not_exists = false;
};

struct drop_index_options {
    std::string schema;
    bool concurrently = false;
    bool if_exists = false;
    bool cascade = false;
};

struct drop_constraint_options {
    std::string schema;
    bool if_exists = false;
    bool cascade = false;
};

struct foreign_key_constraint_options {
    std::string ondelete;
    std::string onupdate;
    bool deferrable = false;
    std::string initially;
    std::string match;
    std::string source_schema;
    std::string referent_schema;
    bool not_valid = false;            ///< add without checking existing rows; VALIDATE later
};

// ---------------------------------------------------------------- the recorder

namespace detail { struct op_list; }

/// What `upgrade()` and `downgrade()` write into. Each call appends one operation (a plain value)
/// to a list; nothing touches a database here. Rendering and running happen in the runtime.
class ops {
public:
    explicit ops(detail::op_list& list) noexcept : m_list(&list) {}

    void create_table(std::string name, std::vector<TableElement> elements, table_options options = {});
    void drop_table(std::string name, drop_table_options options = {});
    void add_column(std::string table, Column column, column_options options = {});
    void drop_column(std::string table, std::string column, drop_column_options options = {});
    void create_index(std::string name, std::string table, std::vector<std::string> columns,
                      index_options options = {});
    void drop_index(std::string name, drop_index_options options = {});
    void create_foreign_key(std::string name, std::string source_table, std::string referent_table,
                            std::vector<std::string> local_columns, std::vector<std::string> remote_columns,
                            foreign_key_constraint_options options = {});
    void drop_constraint(std::string name, std::string table, drop_constraint_options options = {});
    /// Raw SQL, sent as written.
    void execute(std::string sql);
    /// Accepts a destructive-change warning (a squawk rule name such as "ban-drop-column") for
    /// this revision, with the reason a reviewer agreed to; `check` and `show` display it.
    void acknowledge(std::string rule, std::string reason);

private:
    detail::op_list* m_list;
};

// ---------------------------------------------------------------- registration

/// What a revision file defines; the generated registry pairs it with the graph facts of the
/// file's header block.
struct revision_body {
    void (*upgrade)(ops&);
    void (*downgrade)(ops&);
    const char* file;
};

}  // namespace retort

/// Names this file's upgrade()/downgrade() and exports them under one symbol the registry knows.
/// The static declarations give the two functions internal linkage, so every revision can call
/// them upgrade and downgrade.
#define RETORT_REVISION(id)                                                   \
    static void upgrade(::retort::ops& op);                                   \
    static void downgrade(::retort::ops& op);                                 \
    extern const ::retort::revision_body retort_revision_##id;                \
    const ::retort::revision_body retort_revision_##id{&upgrade, &downgrade, __FILE__}
