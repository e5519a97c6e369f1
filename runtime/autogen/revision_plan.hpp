// From two schema models to the operations of a revision: what autogenerate writes. The
// downgrade is the same planning in the other direction, so both are proved the same way
// (tests/autogen: applied to one side, each gives the other side's model).
#pragma once

#include "schema/model.hpp"

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::autogen {

/// One operation, with the comment a reviewer should read above it (empty: none).
struct planned_operation {
    op::operation operation;
    std::string comment;
};

/// The operations that turn a database whose model is `from` into one whose model is `to`, in an
/// order PostgreSQL accepts: new schemas, renames and moves, dependents dropped (policies, triggers, views, foreign keys),
/// then schemas, extensions and types, tables and columns, then keys, indexes, views, functions,
/// triggers and policies, and what is dropped last in reverse. Objects identical but for their
/// name or schema (tables, enums, constraints, indexes) are renamed or moved; columns never are.
std::vector<planned_operation> plan_operations(const schema::schema& from, const schema::schema& to);

struct generated_revision {
    std::vector<planned_operation> upgrade;    ///< head → target
    std::vector<planned_operation> downgrade;  ///< target → head
};

generated_revision generate(const schema::schema& head, const schema::schema& target);

/// The operations alone (to render or record them).
std::vector<op::operation> operations_of(const std::vector<planned_operation>& planned);

/// The body of upgrade() or downgrade(): Alembic's review banner, each comment as `// ...` lines
/// above its operation, then the DSL call (autogen::dsl_source).
std::string body_source(const std::vector<planned_operation>& planned);

}  // namespace retort::autogen
