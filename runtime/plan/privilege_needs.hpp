// What PostgreSQL will require of the role that runs a plan, read off the operations (pure: no
// database). runtime/db/privileges checks each need against the catalog before anything runs.
#pragma once

#include "plan/planner.hpp"

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::plan {

/// One privilege a statement needs. `schema` empty: resolved by the search path at check time.
struct privilege_need {
    enum class kind_t { create_in_schema, create_in_database, ownership, references, insert, update };
    kind_t kind;
    std::string object_kind;  ///< "table", "type", "index", "schema", "database"
    std::string schema, name;
    std::string revision;
    std::string statement;  ///< the operation, as its first statement reads
};

/// A statement whose object cannot be known for certain (op.execute, op.run_code).
struct unchecked_statement {
    std::string revision;
    std::string statement;
};

struct privilege_needs {
    std::vector<privilege_need> needs;
    std::vector<unchecked_statement> unchecked;
};

/// Adds the needs of one revision's operations (in order) to `out`. Objects an earlier
/// operation of the plan created are the role's own, so their ownership is not asked for.
class privilege_collector {
public:
    void add(const std::string& revision, const std::vector<op::operation>& operations);
    const privilege_needs& result() const { return m_out; }

private:
    struct object {
        std::string kind, schema, name;
    };
    bool created_here(const std::string& kind, const std::string& schema, const std::string& name) const;
    void created(const std::string& kind, const std::string& schema, const std::string& name);
    void need(privilege_need::kind_t k, const std::string& kind, const std::string& schema, const std::string& name);
    void own(const std::string& kind, const std::string& schema, const std::string& name);

    privilege_needs m_out;
    std::vector<object> m_created;
    std::string m_revision, m_statement;
};

/// The needs of every step of a plan, each step's upgrade() or downgrade() as it will run.
privilege_needs plan_privilege_needs(const graph::revision_graph& g, const std::vector<const revision_body*>& bodies,
                                     const std::vector<step>& steps);

}  // namespace retort::plan
