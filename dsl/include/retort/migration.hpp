// The one header a revision includes. Standard library only (<string>, <vector>, <source_location>):
// a project with thousands of revisions compiles this header thousands of times,
// so every function here is declared, not defined; the work lives in libretort_dsl.
#pragma once

#include <initializer_list>
#include <source_location>
#include <string>
#include <type_traits>
#include <vector>

namespace retort {

/// Where a call was written; the recorder keeps it for the build-time check.
using here = std::source_location;

// Lists in the API are these two small classes rather than std::vector parameters: a revision
// then compiles calls, not vector code (see "Compile cost" in docs/operations.md).

/// Names (columns, enum values): `{"a", "b"}`, `{some_string}`, or a std::vector<std::string>.
class names {
public:
    names() noexcept;
    names(std::initializer_list<const char*> list);
    names(std::initializer_list<std::string> list);
    names(const std::vector<std::string>& list);
    names(const names&);
    names(names&&) noexcept;
    names& operator=(const names&);
    names& operator=(names&&) noexcept;
    ~names();
    std::vector<std::string> items;
};

// ---------------------------------------------------------------- types

enum class type_kind : unsigned char {
    small_integer, integer, big_integer, numeric, real, double_precision, boolean,
    text, varchar, character, date, time, timestamp, interval, uuid, json, jsonb,
    bytea, enumeration, raw,
    unchanged,  ///< only as alter_column's default: "leave the type alone"
};

/// A column type. Built by the factory functions below (`Integer()`, `String(255)`...);
/// the constructor is explicit and takes a kind, so a string can never stand where a type is expected.
struct Type {
    explicit Type(type_kind k) noexcept : kind(k) {}
    // Out of line (dsl/src), so a revision calls them instead of compiling them: keeps revisions cheap.
    Type(const Type&);
    Type(Type&&) noexcept;
    Type& operator=(const Type&);
    Type& operator=(Type&&) noexcept;
    ~Type();
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
Type Enum(std::string name, names values);
/// Escape hatch: the SQL text of any type PostgreSQL knows ("tsvector", "inet", "citext").
Type raw_type(std::string sql);

/// SQL text used verbatim (`now()`, `lower(email)`), as opposed to a quoted literal.
struct sql_text {
    std::string text;
};
sql_text sql(std::string text);

/// A number, bool or NULL where a server default belongs: `0` would become a null `char*`.
template <typename T>
concept not_a_default_text = std::is_arithmetic_v<T> || std::is_null_pointer_v<T>;


/// One value of a bulk_insert row or an execute parameter: text, a number, a boolean, NULL
/// (`nullptr`) or SQL used verbatim (`sql("now()")`).
struct value {
    enum class kind_t : unsigned char { null, text, number, boolean, sql };
    value(decltype(nullptr)) noexcept : kind(kind_t::null) {}
    value(const char* text);
    value(std::string text);
    value(int number);
    value(long number);
    value(long long number);
    value(unsigned number);
    value(unsigned long number);
    value(unsigned long long number);
    value(double number);
    value(bool flag);
    value(sql_text expression);
    /// A pointer would otherwise become a bool: `&n` is a mistake, not `true`.
    value(const void*) = delete;
    kind_t kind;
    std::string text;  ///< the text, the number's digits, "true"/"false", or the SQL
};

/// Values: a bulk_insert row or execute parameters, `{"x", 1, nullptr}` or a std::vector<value>.
class values {
public:
    values() noexcept;
    values(std::initializer_list<value> list);
    values(const std::vector<value>& list);
    values(const values&);
    values(values&&) noexcept;
    values& operator=(const values&);
    values& operator=(values&&) noexcept;
    ~values();
    std::vector<value> items;
};

/// One field of a row that `connection::query` returned.
struct field {
    std::string text;
    bool is_null = false;
};

/// The live database connection a `run_code` function gets, inside the revision's transaction
/// (Alembic's `op.get_bind()`). Parameters are written $1, $2, ... and sent bound, never spliced.
class connection {
public:
    /// Runs one statement and returns its rows, each field as text.
    virtual std::vector<std::vector<field>> query(const std::string& sql, const values& params = {}) = 0;
    /// Runs one statement and returns the number of rows it changed.
    virtual long long execute(const std::string& sql, const values& params = {}) = 0;

protected:
    ~connection() = default;
};

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
    // Out of line (dsl/src), so a revision calls them instead of compiling them: keeps revisions cheap.
    Column(const Column&);
    Column(Column&&) noexcept;
    Column& operator=(const Column&);
    Column& operator=(Column&&) noexcept;
    ~Column();

    Column& primary_key(bool on = true);
    Column& nullable(bool on);
    Column& unique(bool on = true);
    Column& index(bool on = true);                 ///< like SQLAlchemy's index=True: ix_<table>_<column>
    Column& server_default(std::string literal);   ///< rendered as a quoted literal: DEFAULT 'x'
    Column& server_default(sql_text expression);   ///< rendered verbatim: DEFAULT now()
    template <not_a_default_text T>
    Column& server_default(T) {
        static_assert(sizeof(T) == 0, "server_default takes text: write .server_default(\"0\") for the literal '0' "
                                      "or .server_default(sql(\"0\")) for SQL");
        return *this;
    }
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
    // Out of line (dsl/src), so a revision calls them instead of compiling them: keeps revisions cheap.
    Constraint(const Constraint&);
    Constraint(Constraint&&) noexcept;
    Constraint& operator=(const Constraint&);
    Constraint& operator=(Constraint&&) noexcept;
    ~Constraint();
    constraint_kind kind;
    std::string name;
    std::vector<std::string> columns;
    std::string expression;                        ///< CHECK
    std::string referent_table;                    ///< FOREIGN KEY
    std::vector<std::string> referent_columns;
    foreign_key_options fk;
};

Constraint PrimaryKeyConstraint(names columns, std::string name = {});
Constraint UniqueConstraint(names columns, std::string name = {});
Constraint CheckConstraint(std::string expression, std::string name = {});
Constraint ForeignKeyConstraint(names columns, std::string referent_table, names referent_columns, std::string name = {},
                                foreign_key_options options = {});

/// What `create_table` takes: a column or a table-level constraint, in any order.
class TableElement {
public:
    TableElement(Column column);
    TableElement(Constraint constraint);
    // Out of line (dsl/src), so a revision calls them instead of compiling them: keeps revisions cheap.
    TableElement(const TableElement&);
    TableElement(TableElement&&) noexcept;
    TableElement& operator=(const TableElement&);
    TableElement& operator=(TableElement&&) noexcept;
    ~TableElement();
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
    names include;                     ///< INCLUDE (...)
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

/// For operations that only need to know the schema: rename_table, table comments,
/// create_primary_key, validate_constraint, bulk_insert.
struct schema_options {
    std::string schema;
};

/// alter_column's server default: a literal (`"new"`), SQL (`sql("now()")`), or `drop_default()`.
struct default_change {
    enum class mode_t : unsigned char { keep, set_literal, set_sql, drop };
    default_change() noexcept = default;
    default_change(const char* literal);
    default_change(std::string literal);
    default_change(sql_text expression);
    template <not_a_default_text T>
    default_change(T) {
        static_assert(sizeof(T) == 0, "server_default takes text: write .server_default = \"0\" for the literal '0' "
                                      "or .server_default = sql(\"0\") for SQL");
    }
    mode_t mode = mode_t::keep;
    std::string text;
};
default_change drop_default();

struct alter_column_options {
    std::string schema;
    std::string new_column_name;       ///< RENAME COLUMN ... TO
    Type type = Type(type_kind::unchanged);
    std::string using_expression;      ///< TYPE ... USING <expression>; needs .type
    int nullable = -1;                 ///< true: DROP NOT NULL; false: SET NOT NULL; unset: leave
    default_change server_default;     ///< SET DEFAULT / DROP DEFAULT; unset: leave
    std::string comment;               ///< COMMENT ON COLUMN
    bool drop_comment = false;         ///< COMMENT ON COLUMN ... IS NULL
};

struct unique_constraint_options {
    std::string schema;
    bool deferrable = false;
    std::string initially;
    std::string using_index;           ///< adopt this existing unique index (ADD CONSTRAINT ... USING INDEX)
    bool concurrently = false;         ///< build the index CONCURRENTLY, then adopt it: writes never wait
};

/// op.backfill: the key walked in order (unique, indexed), rows per committed batch, pause between batches.
struct backfill_options {
    std::string schema;
    std::string key = "id";
    long long batch_rows = 1000;
    int pause_ms = 0;
};

struct check_constraint_options {
    std::string schema;
    bool not_valid = false;            ///< add without checking existing rows; VALIDATE later
};

/// One element of an exclusion constraint: `{"period", "&&"}` is `period WITH &&`.
struct exclude_element {
    std::string expression;
    std::string operator_;
};

struct exclude_constraint_options {
    std::string schema;
    std::string using_method = "gist";
    std::string where;
    bool deferrable = false;
    std::string initially;
};

struct enum_options {
    std::string schema;
};

struct drop_enum_options {
    std::string schema;
    bool if_exists = false;
    bool cascade = false;
};

struct enum_value_options {
    std::string schema;
    std::string before;                ///< ADD VALUE 'x' BEFORE 'y'
    std::string after;
    bool if_not_exists = false;
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

/// What `op.autocommit_block()` returns: while it lives, the recorded operations run outside the
/// revision's transaction, each committed on its own (CREATE INDEX CONCURRENTLY, VACUUM, ...).
class autocommit_scope {
public:
    ~autocommit_scope();
    autocommit_scope(const autocommit_scope&) = delete;
    autocommit_scope& operator=(const autocommit_scope&) = delete;

private:
    friend class ops;
    autocommit_scope(detail::op_list& list, here where) noexcept;
    detail::op_list* m_list;
    here m_where;
};

/// What `upgrade()` and `downgrade()` write into. Each call appends one operation (a plain value)
/// to a list; nothing touches a database here. Rendering and running happen in the runtime.
class ops {
public:
    explicit ops(detail::op_list& list) noexcept : m_list(&list) {}

    // Each call takes `where` (left to its default), so the build-time check can name the
    // file and line of a mistake.
    void create_table(std::string name, std::initializer_list<TableElement> elements, table_options options = {},
                      here where = here::current());
    void create_table(std::string name, const std::vector<TableElement>& elements, table_options options = {},
                      here where = here::current());
    void drop_table(std::string name, drop_table_options options = {}, here where = here::current());
    void rename_table(std::string old_name, std::string new_name, schema_options options = {},
                      here where = here::current());
    void create_table_comment(std::string table, std::string comment, schema_options options = {},
                              here where = here::current());
    void drop_table_comment(std::string table, schema_options options = {}, here where = here::current());

    void add_column(std::string table, Column column, column_options options = {}, here where = here::current());
    void drop_column(std::string table, std::string column, drop_column_options options = {},
                     here where = here::current());
    /// Rename, change type (with USING), nullable, server default, comment; one statement each.
    void alter_column(std::string table, std::string column, alter_column_options options,
                      here where = here::current());

    /// CREATE TYPE name AS ENUM (...). create_table creates the enum types its columns define itself.
    void create_enum(std::string name, names values, enum_options options = {}, here where = here::current());
    void drop_enum(std::string name, drop_enum_options options = {}, here where = here::current());
    /// ALTER TYPE ... ADD VALUE. The new value cannot be used in the same transaction: use it in a
    /// later revision, or add it inside an autocommit_block().
    void add_enum_value(std::string enum_name, std::string value, enum_value_options options = {},
                        here where = here::current());

    void create_primary_key(std::string name, std::string table, names columns, schema_options options = {},
                            here where = here::current());
    void create_unique_constraint(std::string name, std::string table, names columns,
                                  unique_constraint_options options = {}, here where = here::current());
    void create_check_constraint(std::string name, std::string table, std::string condition,
                                 check_constraint_options options = {}, here where = here::current());
    void create_foreign_key(std::string name, std::string source_table, std::string referent_table,
                            names local_columns, names remote_columns, foreign_key_constraint_options options = {},
                            here where = here::current());
    void create_exclude_constraint(std::string name, std::string table, std::initializer_list<exclude_element> elements,
                                   exclude_constraint_options options = {}, here where = here::current());
    /// SET NOT NULL without holding ACCESS EXCLUSIVE during a scan: a NOT VALID check, VALIDATE, SET NOT
    /// NULL (which then skips its scan), drop the check; each step commits on its own.
    void set_not_null(std::string table, std::string column, schema_options options = {},
                      here where = here::current());
    /// UPDATE table SET set_sql WHERE where_sql, in committed batches of rows along options.key, outside
    /// the revision's transaction; progress goes to the history, and a re-run resumes after the last batch.
    void backfill(std::string table, std::string set_sql, std::string where_sql, backfill_options options = {},
                  here where = here::current());
    /// VALIDATE CONSTRAINT: checks the rows a NOT VALID constraint skipped. After the same revision's
    /// NOT VALID constraint it runs in a transaction of its own, so the lock that added it is released.
    void validate_constraint(std::string name, std::string table, schema_options options = {},
                             here where = here::current());
    void drop_constraint(std::string name, std::string table, drop_constraint_options options = {},
                         here where = here::current());

    void create_index(std::string name, std::string table, names columns, index_options options = {},
                      here where = here::current());
    void drop_index(std::string name, drop_index_options options = {}, here where = here::current());

    /// Raw SQL, sent as written; parameters ($1, $2...) are bound online and inlined as literals by --sql.
    void execute(std::string sql, values params = {}, here where = here::current());
    /// One INSERT of all rows; each row has a value for every column, in order.
    void bulk_insert(std::string table, names columns, std::initializer_list<values> rows,
                     schema_options options = {}, here where = here::current());
    void bulk_insert(std::string table, names columns, const std::vector<values>& rows,
                     schema_options options = {}, here where = here::current());
    /// Runs `fn` against the live connection inside the revision's transaction (read, compute,
    /// write). A revision that does this cannot be printed by --sql, which says so.
    void run_code(void (*fn)(connection&), here where = here::current());
    /// In downgrade(): this revision cannot be undone, and why (`"ALTER TYPE ... ADD VALUE cannot be
    /// reverted"`). A downgrade whose plan crosses it is refused before anything runs; record nothing else.
    void irreversible(std::string reason, here where = here::current());
    /// `{ auto block = op.autocommit_block(); op.create_index(..., {.concurrently = true}); }`
    [[nodiscard]] autocommit_scope autocommit_block(here where = here::current());
    /// Accepts a destructive-change warning (a squawk rule name such as "ban-drop-column") for
    /// this revision, with the reason a reviewer agreed to; `check` and `show` display it.
    void acknowledge(std::string rule, std::string reason, here where = here::current());

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
/// them upgrade and downgrade. The symbol has C linkage so it is the same whichever namespace the
/// file ends up in (add_migrations compiles a few revision files as one unit, each in its own).
#define RETORT_REVISION(id)                                                   \
    static void upgrade(::retort::ops& op);                                   \
    static void downgrade(::retort::ops& op);                                 \
    extern "C" const ::retort::revision_body retort_revision_##id;            \
    extern "C" const ::retort::revision_body retort_revision_##id{&upgrade, &downgrade, __FILE__}
