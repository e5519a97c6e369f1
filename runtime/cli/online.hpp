// The database module: the commands that connect, with libpqxx and libpq, in a shared object the
// runner loads the first time a command needs a database. libpq alone pulls 25 libraries (Kerberos,
// LDAP, GnuTLS…) whose loading was most of a runner's start-up; `heads`, `history`, `show`,
// `graph` and `--sql`-free commands never pay it (bench/startup).
#pragma once

#include "cli/commands.hpp"

#include <string>
#include <vector>

namespace retort::cli {

/// What the module offers the runner: one entry point a command, found by name.
struct online_interface {
    int (*run)(const char* command, context& ctx, const std::vector<std::string>& args);
    std::vector<graph::index> (*database_heads)(const context& ctx);
};

/// The module's one exported symbol returns this.
#define RETORT_ONLINE_ENTRY retort_online_interface

/// Loads the module (once; its path was fixed when the runner was built) or throws retort::error.
const online_interface& online();

/// A command that lives in the module.
int run_online(const char* command, context& ctx, const std::vector<std::string>& args);

}  // namespace retort::cli
