// Destructive-change warnings: statements that lock or lose data on a live table, named after
// squawk's rules (https://squawkhq.com/docs/) so the same SQL draws the same names from both.
// The linter reads the rendered SQL of one revision, assuming (as Retort runs it) one transaction
// a revision: an index or constraint on a table the same revision creates is not flagged.
#pragma once

#include "render/postgres.hpp"

#include <retort/migration.hpp>
#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::lint {

struct finding {
    std::string rule;        ///< squawk's rule name, e.g. "ban-drop-column"
    std::string statement;   ///< the statement, on one line
    bool acknowledged = false;
    std::string reason;      ///< the revision's reason, when acknowledged
};

/// Every rule this linter knows, in squawk's spelling.
const std::vector<std::string>& rule_names();

/// The findings for one revision's statements (one finding per rule and statement).
std::vector<finding> lint(const std::vector<render::statement>& statements,
                          const std::vector<acknowledgement>& acknowledged = {});

/// Records, renders and lints a revision's upgrade(); throws retort::error for an acknowledgement
/// naming no known rule.
std::vector<finding> lint_revision(const std::string& id, const revision_body& body);

/// The safe recipe to use instead of what `rule` flags, or nullptr when there is none.
const char* advice(const std::string& rule);

/// "warning: REV: ban-drop-column: ALTER TABLE ..." (with the advice when there is one) or
/// "note: REV: ban-drop-column acknowledged (reason): ...".
std::string describe(const std::string& revision, const finding& f);

}  // namespace retort::lint
