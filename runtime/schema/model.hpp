// A PostgreSQL schema as plain values, read from the catalog (schema/catalog_reader.hpp). Two
// models are equal exactly when the schemas are, apart from what `not_modelled` lists: verify,
// drift, `runner schema` and autogenerate all compare these values.
//
// Texts that PostgreSQL itself canonicalises (types from format_type, expressions from
// pg_get_expr, definitions from pg_get_*def) are kept as the server prints them, so two schemas
// built by different statements compare equal when PostgreSQL stores the same thing.
// Every list is sorted by its key (see keys in diff.hpp); columns keep their table order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace retort::schema {

/// `schema.name`; the schema is never empty in a model read from a database.
struct qualified_name {
    std::string schema;
    std::string name;
    auto operator<=>(const qualified_name&) const = default;
    /// `public.users`, unquoted (for messages).
    std::string text() const { return schema + "." + name; }
};

struct namespace_def {
    std::string name;
    std::string comment;
    bool operator==(const namespace_def&) const = default;
};

struct extension {
    std::string name;
    std::string schema;
    std::string version;
    bool operator==(const extension&) const = default;
};

/// A sequence's options; also an identity column's.
struct sequence_options {
    std::string data_type = "bigint";  ///< smallint, integer or bigint
    std::int64_t start = 1;
    std::int64_t increment = 1;
    std::int64_t min = 1;
    std::int64_t max = 9223372036854775807;
    std::int64_t cache = 1;
    bool cycle = false;
    bool operator==(const sequence_options&) const = default;
};

struct identity {
    bool always = false;  ///< GENERATED ALWAYS, else BY DEFAULT
    sequence_options options;
    bool operator==(const identity&) const = default;
};

struct column {
    std::string name;
    std::string type;           ///< format_type(): `character varying(255)`, `integer[]`, `public.mood`
    qualified_name base_type;   ///< the element type without typmod: pg_catalog.varchar, public.mood
    int typmod = -1;            ///< -1: none
    bool array = false;
    std::string collation;      ///< qualified, only when not the type's default
    bool not_null = false;
    std::string default_expr;   ///< pg_get_expr of the default; empty: none (never for generated)
    std::optional<identity> identity_spec;
    std::string generated;      ///< expression of a GENERATED ALWAYS AS (...) STORED column
    std::string comment;
    bool operator==(const column&) const = default;
};

struct table {
    qualified_name name;
    std::vector<column> columns;  ///< in table order (inherited columns of a partition included)
    bool unlogged = false;
    std::string partition_key;         ///< pg_get_partkeydef: `RANGE (created_at)`; empty: not partitioned
    std::optional<qualified_name> partition_of;
    std::string partition_bound;       ///< `FOR VALUES FROM (...) TO (...)`, `DEFAULT`
    std::vector<qualified_name> inherits;  ///< plain (non-partition) inheritance parents, in order
    bool row_security = false;         ///< ENABLE ROW LEVEL SECURITY
    bool force_row_security = false;   ///< FORCE ROW LEVEL SECURITY
    std::string options;               ///< reloptions, `fillfactor=70,...`
    std::string comment;
    bool operator==(const table&) const = default;
};

enum class constraint_type { primary_key, unique, check, foreign_key, exclusion };

/// A table constraint. NOT NULL is a column property (column::not_null). Constraints a partition
/// inherits from its parent are the parent's, not listed again.
struct constraint {
    qualified_name table;
    std::string name;
    constraint_type type = constraint_type::check;
    std::string definition;  ///< pg_get_constraintdef: the whole canonical text, options included
    std::vector<std::string> columns;  ///< key columns (pk, unique, fk, exclusion); empty for check
    bool deferrable = false;
    bool initially_deferred = false;
    bool validated = true;   ///< false: NOT VALID
    bool nulls_not_distinct = false;
    bool no_inherit = false;
    std::string expression;  ///< check: the expression, without CHECK
    // foreign keys
    qualified_name references;
    std::vector<std::string> referenced_columns;
    std::string on_update = "NO ACTION";  ///< NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
    std::string on_delete = "NO ACTION";
    std::string match = "SIMPLE";         ///< SIMPLE, FULL, PARTIAL
    std::string comment;
    bool operator==(const constraint&) const = default;
};

struct index_key {
    std::string column;       ///< a column name; empty when the key is an expression
    std::string expression;   ///< the expression, as pg_get_indexdef prints it
    std::string opclass;      ///< only when not the type's default operator class
    std::string collation;    ///< only when not the column's collation
    bool descending = false;
    bool nulls_first = false;  ///< only meaningful when it differs from the direction's default
    bool operator==(const index_key&) const = default;
};

/// An index not created by a constraint (those belong to the constraint), on a table or a
/// materialized view. Indexes a partition inherits from its parent's index are not listed again.
struct index {
    qualified_name name;  ///< the index's schema is its table's
    qualified_name table;
    std::string method = "btree";
    bool unique = false;
    bool nulls_not_distinct = false;
    std::vector<index_key> keys;
    std::vector<std::string> include;
    std::string predicate;   ///< WHERE ..., without WHERE
    std::string definition;  ///< pg_get_indexdef: the whole CREATE INDEX statement
    std::string comment;
    bool operator==(const index&) const = default;
};

struct enum_type {
    qualified_name name;
    std::vector<std::string> values;  ///< in sort order
    std::string comment;
    bool operator==(const enum_type&) const = default;
};

struct domain_check {
    std::string name;
    std::string definition;  ///< `CHECK (VALUE > 0)`, NOT VALID included
    bool operator==(const domain_check&) const = default;
};

struct domain {
    qualified_name name;
    std::string base_type;  ///< format_type with typmod
    std::string collation;
    bool not_null = false;
    std::string default_expr;
    std::vector<domain_check> checks;  ///< sorted by name
    std::string comment;
    bool operator==(const domain&) const = default;
};

/// A sequence that is not an identity column's (those are in column::identity_spec).
struct sequence {
    qualified_name name;
    sequence_options options;
    std::string owned_by;  ///< `schema.table.column` of OWNED BY (serial columns); empty: none
    std::string comment;
    bool operator==(const sequence&) const = default;
};

struct view {
    qualified_name name;
    bool materialized = false;
    std::string definition;  ///< pg_get_viewdef: the SELECT, ending with `;`
    std::string options;     ///< reloptions: `security_barrier=true,check_option=local`
    std::vector<qualified_name> depends_on;  ///< views and materialized views it selects from, sorted
    std::string comment;
    bool operator==(const view&) const = default;
};

struct function {
    qualified_name name;
    std::string arguments;  ///< pg_get_function_identity_arguments: `a integer, b text`
    bool procedure = false;
    std::string definition;  ///< pg_get_functiondef: the whole CREATE OR REPLACE statement
    bool uses_row_types = false;  ///< its signature names a table's or view's row type
    std::string comment;
    bool operator==(const function&) const = default;
    /// `public.f(a integer)`, the key: overloads share a name.
    std::string signature() const { return name.text() + "(" + arguments + ")"; }
};

struct trigger {
    qualified_name table;
    std::string name;
    std::string definition;  ///< pg_get_triggerdef: the whole CREATE TRIGGER statement
    char enabled = 'O';      ///< pg_trigger.tgenabled: O origin, D disabled, R replica, A always
    std::string comment;
    bool operator==(const trigger&) const = default;
};

struct policy {
    qualified_name table;
    std::string name;
    bool permissive = true;
    std::string command = "ALL";  ///< ALL, SELECT, INSERT, UPDATE, DELETE
    std::vector<std::string> roles;  ///< sorted; `public` for everyone
    std::string using_expr;
    std::string check_expr;
    std::string comment;
    bool operator==(const policy&) const = default;
};

/// A catalog object the model does not describe (a composite or range type, an aggregate, an
/// operator, a foreign table, a rule, a statistics object, ...): listed so that nothing is dropped
/// silently, and compared by kind and name only.
struct unmodelled {
    std::string kind;  ///< `composite type`, `aggregate`, `rule`, ...
    std::string name;  ///< qualified, as the catalog names it
    auto operator<=>(const unmodelled&) const = default;
};

struct schema {
    std::vector<namespace_def> namespaces;  ///< besides `public`
    std::vector<extension> extensions;
    std::vector<enum_type> enums;
    std::vector<domain> domains;
    std::vector<sequence> sequences;
    std::vector<table> tables;
    std::vector<constraint> constraints;
    std::vector<index> indexes;
    std::vector<view> views;
    std::vector<function> functions;
    std::vector<trigger> triggers;
    std::vector<policy> policies;
    std::vector<unmodelled> not_modelled;
    bool operator==(const schema&) const = default;
};

const char* to_string(constraint_type t);

}  // namespace retort::schema
