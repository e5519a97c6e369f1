// check-revisions: records every revision's upgrade() and downgrade() without a database and
// reports the mistakes only a run can see, as "file:line: error: ...". add_migrations runs it
// after linking a runner, so such a revision fails `cmake --build`.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"

#include <retort/check.hpp>

#include <iostream>

namespace retort::cli {

int cmd_check_revisions(context& ctx, const std::vector<std::string>& args) {
    boost::program_options::options_description desc;
    if (!parse_command("check-revisions",
                       "runner check-revisions\n\nRecords every revision (no database) and reports an index on no "
                       "columns, a foreign key whose column lists differ in length, and the like, with file and line.\n"
                       "Example: runner check-revisions",
                       desc, {}, args))
        return exit_ok;
    const auto& g = ctx.revisions->graph;
    std::size_t found = 0;
    for (std::size_t i = 0; i < ctx.revisions->bodies.size(); ++i) {
        const revision_body* body = ctx.revisions->bodies[i];
        for (bool upgrade : {true, false}) {
            const char* which = upgrade ? "upgrade()" : "downgrade()";
            try {
                for (const auto& p : check_recording(record_with_origins(upgrade ? body->upgrade : body->downgrade),
                                                     upgrade ? recorded_by::upgrade : recorded_by::downgrade)) {
                    std::cerr << describe(p) << " (revision " << g[i].id << ", " << which << ")\n";
                    ++found;
                }
            } catch (const std::exception& e) {
                std::cerr << body->file << ": error: " << which << " of revision " << g[i].id
                          << " threw while recording: " << e.what() << "\n";
                ++found;
            }
        }
    }
    return found ? exit_failure : exit_ok;
}

}  // namespace retort::cli
