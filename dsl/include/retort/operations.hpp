// Operations as plain values: what a revision's upgrade()/downgrade() recorded.
// Read by the renderer, the checksum and the linter; never included by a revision file.
#pragma once

#include <retort/migration.hpp>

#include <variant>

namespace retort::op {

struct create_table {
    std::string schema, name;
    std::vector<Column> columns;
    std::vector<Constraint> constraints;
    std::string comment;
    bool if_not_exists = false;
};

struct drop_table {
    std::string schema, name;
    bool if_exists = false;
    bool cascade = false;
};

struct rename_table {
    std::string schema, old_name, new_name;
};

/// COMMENT ON TABLE; an empty comment drops it (IS NULL).
struct table_comment {
    std::string schema, table, comment;
};

struct add_column {
    std::string schema, table;
    Column column;
    bool if_not_exists = false;
};

struct drop_column {
    std::string schema, table, column;
    bool if_exists = false;
    bool cascade = false;
};

struct alter_column {
    std::string schema, table, column;
    alter_column_options options;      ///< options.schema is moved to `schema`
};

struct create_enum {
    std::string schema, name;
    std::vector<std::string> values;
};

struct drop_enum {
    std::string schema, name;
    bool if_exists = false;
    bool cascade = false;
};

struct add_enum_value {
    std::string schema, name, value, before, after;
    bool if_not_exists = false;
};

struct create_index {
    std::string schema, name, table;
    std::vector<std::string> columns;  ///< plain names are quoted; anything else is an expression
    index_options options;
};

struct drop_index {
    std::string schema, name;
    bool concurrently = false;
    bool if_exists = false;
    bool cascade = false;
};

/// ALTER TABLE ... ADD CONSTRAINT: create_foreign_key, create_unique_constraint, ...
struct add_constraint {
    std::string schema, table;
    Constraint constraint;
    bool not_valid = false;
    std::string using_index;       ///< UNIQUE / PRIMARY KEY USING INDEX: adopt an existing unique index
    bool concurrently = false;     ///< build the index CONCURRENTLY first, then adopt it (a safe recipe)
};

struct add_exclude_constraint {
    std::string schema, table, name;
    std::vector<exclude_element> elements;
    std::string using_method, where;
    bool deferrable = false;
    std::string initially;
};

struct validate_constraint {
    std::string schema, table, name;
};

struct drop_constraint {
    std::string schema, table, name;
    bool if_exists = false;
    bool cascade = false;
};

/// The safe recipe for SET NOT NULL: CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL,
/// drop the check; each step commits on its own, so no step holds ACCESS EXCLUSIVE during a scan.
struct set_not_null {
    std::string schema, table, column;
};

/// UPDATE in committed batches along `key`, outside the revision's transaction, resumable.
struct backfill {
    std::string schema, table, set_sql, where_sql, key;
    long long batch_rows = 1000;
    int pause_ms = 0;
};

struct execute {
    std::string sql;
    std::vector<value> params;
};

struct bulk_insert {
    std::string schema, table;
    std::vector<std::string> columns;
    std::vector<std::vector<value>> rows;
};

struct run_code {
    void (*fn)(connection&);
};

/// A downgrade() that cannot undo its upgrade (ALTER TYPE ... ADD VALUE, data thrown away): a
/// downgrade crossing it is refused before anything runs, `verify` accepts it, `show` prints why.
struct irreversible {
    std::string reason;
};

/// Markers around the operations of an autocommit_block().
struct begin_autocommit {};
struct end_autocommit {};

using operation = std::variant<create_table, drop_table, rename_table, table_comment, add_column, drop_column,
                               alter_column, create_enum, drop_enum, add_enum_value, create_index, drop_index,
                               add_constraint, add_exclude_constraint, validate_constraint, drop_constraint, execute,
                               bulk_insert, run_code, irreversible, begin_autocommit, end_autocommit,
                               set_not_null, backfill>;

}  // namespace retort::op

namespace retort {

/// Where a revision recorded an operation (file and line of the call).
struct origin {
    std::string file;
    unsigned line = 0;
};

/// A lint rule a revision accepted with `op.acknowledge(rule, reason)`.
struct acknowledgement {
    std::string rule;
    std::string reason;
    origin where;  ///< the op.acknowledge call, for the build's check of the rule name
};

namespace detail {
struct op_list {
    std::vector<op::operation> items;
    std::vector<origin> origins;  ///< parallel to items
    int autocommit_depth = 0;
    void add(op::operation o, const here& where);
    std::vector<acknowledgement> acknowledgements;
};
}  // namespace detail

/// Runs a revision function and returns what it recorded.
std::vector<op::operation> record(void (*fn)(ops&));

/// What a revision recorded, with where each operation was written.
struct recording {
    std::vector<op::operation> operations;
    std::vector<origin> origins;
};
recording record_with_origins(void (*fn)(ops&));

/// Runs a revision function and returns the lint rules it acknowledged.
std::vector<acknowledgement> record_acknowledgements(void (*fn)(ops&));

}  // namespace retort
