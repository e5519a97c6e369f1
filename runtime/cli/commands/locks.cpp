// locks: the lock and cost of every operation (docs/locks.md is this command's output).
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "locks/catalogue.hpp"

#include <iostream>

namespace retort::cli {

int cmd_locks(context&, const std::vector<std::string>& args) {
    boost::program_options::options_description desc;
    if (!parse_command("locks",
                       "runner locks\n\nPrints, as Markdown, the lock each operation takes on each table and whether it is\n"
                       "catalog-only, scans or rewrites the table (PostgreSQL 12 and newer). docs/locks.md is this output.\n"
                       "Example: runner locks > docs/locks.md",
                       desc, {}, args))
        return exit_ok;
    std::cout << locks::markdown();
    return exit_ok;
}

}  // namespace retort::cli
