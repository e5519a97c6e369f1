// The runner's commands. Each parses its own options and returns an exit code; errors are
// thrown as retort::error and turned into one line in main().
#pragma once

#include "cli/terminal.hpp"
#include "config/settings.hpp"
#include "core/registry.hpp"
#include "db/connect.hpp"
#include "render/version_table.hpp"

#include <string>
#include <vector>

namespace retort::db {
class session;
}

namespace retort::cli {

struct context {
    std::string database_url;  ///< libpq connection string; empty: libpq's PG* variables
    render::version_table table;
    loaded_revisions* revisions;
    config::settings settings;  ///< the effective settings (flags > environment > retort.ini > defaults)
    output_options output;
    std::string program_name = "runner";  ///< argv[0]'s file name, for completion and messages
    db::connect_settings connect;  ///< --role, --search-path
};

using command_fn = int (*)(context&, const std::vector<std::string>& args);

struct command {
    const char* name;
    const char* summary;
    command_fn run;  ///< null: the command is in the database module (cli/online.hpp)
};

/// Every command, in the order `--help` lists them.
const std::vector<command>& commands();

/// Runs `c`, loading the database module first when it lives there.
int run_command(const command& c, context& ctx, const std::vector<std::string>& args);

// One function a command, each in commands/<group>.cpp.
int cmd_upgrade(context& ctx, const std::vector<std::string>& args);
int cmd_downgrade(context& ctx, const std::vector<std::string>& args);
int cmd_current(context& ctx, const std::vector<std::string>& args);
int cmd_history(context& ctx, const std::vector<std::string>& args);
int cmd_heads(context& ctx, const std::vector<std::string>& args);
int cmd_branches(context& ctx, const std::vector<std::string>& args);
int cmd_show(context& ctx, const std::vector<std::string>& args);
int cmd_stamp(context& ctx, const std::vector<std::string>& args);
int cmd_check_revisions(context& ctx, const std::vector<std::string>& args);
int cmd_config(context& ctx, const std::vector<std::string>& args);
int cmd_completion(context& ctx, const std::vector<std::string>& args);
int cmd_check(context& ctx, const std::vector<std::string>& args);
int cmd_repair(context& ctx, const std::vector<std::string>& args);
int cmd_verify(context& ctx, const std::vector<std::string>& args);
int cmd_schema(context& ctx, const std::vector<std::string>& args);
int cmd_drift(context& ctx, const std::vector<std::string>& args);
int cmd_fleet_status(context& ctx, const std::vector<std::string>& args);
int cmd_autogenerate(context& ctx, const std::vector<std::string>& args);
int cmd_graph(context& ctx, const std::vector<std::string>& args);
int cmd_locks(context& ctx, const std::vector<std::string>& args);
int cmd_plan(context& ctx, const std::vector<std::string>& args);

/// The database's version-table rows as graph indices (checked for corruption), read through
/// the one connection function with every setting applied. Loads the database module.
std::vector<graph::index> database_heads(const context& ctx);

/// The same, inside the database module (what `database_heads` calls there).
std::vector<graph::index> read_database_heads(const context& ctx);

}  // namespace retort::cli
