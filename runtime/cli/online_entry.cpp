// The database module's entry point (cli/online.hpp): the commands that connect, by name.
#include "cli/online.hpp"

#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "plan/planner.hpp"

#include <cstring>
#include <utility>

namespace retort::cli {

std::vector<graph::index> read_database_heads(const context& ctx) {
    return plan::current_heads(ctx.revisions->graph, migrator_for(ctx).version_rows());
}

namespace {
int run(const char* command, context& ctx, const std::vector<std::string>& args) {
    static const std::pair<const char*, command_fn> connecting[] = {
        {"upgrade", cmd_upgrade},     {"downgrade", cmd_downgrade}, {"current", cmd_current},
        {"stamp", cmd_stamp},         {"config", cmd_config},       {"check", cmd_check},
        {"repair", cmd_repair},       {"verify", cmd_verify},       {"schema", cmd_schema},
        {"drift", cmd_drift},         {"fleet-status", cmd_fleet_status},
        {"autogenerate", cmd_autogenerate}, {"plan", cmd_plan},
    };
    for (const auto& [name, fn] : connecting)
        if (std::strcmp(name, command) == 0) return fn(ctx, args);
    throw error(std::string("Retort's database module has no command '") + command + "' (a different Retort version?)");
}
}  // namespace

}  // namespace retort::cli

extern "C" const retort::cli::online_interface* RETORT_ONLINE_ENTRY() {
    static const retort::cli::online_interface entry{retort::cli::run, retort::cli::read_database_heads};
    return &entry;
}
