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
};

struct drop_constraint {
    std::string schema, table, name;
    bool if_exists = false;
    bool cascade = false;
};

struct execute {
    std::string sql;
};

using operation = std::variant<create_table, drop_table, add_column, drop_column, create_index,
                               drop_index, add_constraint, drop_constraint, execute>;

}  // namespace retort::op

namespace retort {

/// A lint rule a revision accepted with `op.acknowledge(rule, reason)`.
struct acknowledgement {
    std::string rule;
    std::string reason;
};

namespace detail {
struct op_list {
    std::vector<op::operation> items;
    std::vector<acknowledgement> acknowledgements;
};
}  // namespace detail

/// Runs a revision function and returns what it recorded.
std::vector<op::operation> record(void (*fn)(ops&));

/// Runs a revision function and returns the lint rules it acknowledged.
std::vector<acknowledgement> record_acknowledgements(void (*fn)(ops&));

}  // namespace retort
