// What one step sends to a sink: the revision's statements, grouped into transactional blocks
// and autocommit blocks, with the version-table change in the last transactional block.
#pragma once

#include "plan/planner.hpp"
#include "render/postgres.hpp"

#include <string>
#include <vector>

namespace retort::plan {

struct block {
    bool transactional = true;
    std::vector<render::statement> statements;
};

struct step_program {
    std::string revision;
    std::string title;        ///< "upgrade <base> -> 1a2b3c4d5e6f, create users table"
    bool upgrade = true;
    std::vector<block> blocks;
};

/// Groups statements: runs of transactional statements share a block; each autocommit statement
/// gets a block of its own; a statement flagged own_transaction starts a new transactional block. The bookkeeping statements join the final transactional block.
std::vector<block> group_statements(std::vector<render::statement> statements,
                                    std::vector<render::statement> bookkeeping);

/// Where step programs go: a live database, or stdout for `--sql`.
class sink {
public:
    virtual ~sink() = default;
    /// Once, before the first step: create the version table if needed.
    virtual void prepare(const render::statement& create_version_table) = 0;
    virtual void run(const step_program& program) = 0;
    virtual void finish() {}
};

}  // namespace retort::plan
