// Destructive-change warnings: statements that lock or lose data on a live table, named after
// squawk's rules (https://squawkhq.com/docs/) so the same SQL draws the same names from both.
// The linter reads the rendered SQL of one revision, assuming (as Retort runs it) one transaction
// a revision: an index or constraint on a table the same revision creates is not flagged.
#pragma once

#include "render/postgres.hpp"

#include <retort/migration.hpp>
#include <retort/check.hpp>
#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::lint {

struct finding {
    std::string rule;        ///< squawk's rule name, e.g. "ban-drop-column"
    std::string statement;   ///< the statement, on one line
    bool acknowledged = false;
    std::string reason;      ///< the revision's reason, when acknowledged
    std::string advice;      ///< what to write instead, where there is a way
};

/// The squawk rules this linter implements, in squawk's spelling.
const std::vector<std::string>& rule_names();

/// Retort's own rules, about the revision rather than one statement ("empty-downgrade").
const std::vector<std::string>& own_rule_names();

/// Whether op.acknowledge may name this rule (either list, squawk's alias "prefer-timestamptz", or
/// the lock policy's "lock-on-large-table").
bool is_rule(const std::string& name);

/// The findings for one revision's statements (one finding per rule and statement).
std::vector<finding> lint(const std::vector<render::statement>& statements,
                          const std::vector<acknowledgement>& acknowledged = {});

/// Every op.acknowledge of a revision, in upgrade() and downgrade().
std::vector<acknowledgement> acknowledgements(const revision_body& body);

/// The revision's op.acknowledge calls that name no rule, each with its file and line; the build
/// (check-revisions) fails on them.
std::vector<problem> unknown_acknowledgements(const revision_body& body);

/// Records, renders and lints a revision's upgrade() (with Retort's own rules: empty-downgrade,
/// server-default-function-literal); throws retort::error for an acknowledgement naming no known rule.
std::vector<finding> lint_revision(const std::string& id, const revision_body& body);

/// "warning: REV: ban-drop-column: ALTER TABLE ..." or "note: REV: ban-drop-column acknowledged (reason): ...".
std::string describe(const std::string& revision, const finding& f);

}  // namespace retort::lint
