// The database module: the commands that connect, with libpqxx and libpq, kept out of the runner
// itself. libpq alone pulls 25 libraries (Kerberos, LDAP, GnuTLS…) whose loading was most of a
// runner's start-up; `heads`, `history`, `show`, `graph` and `locks` never pay it
// (docs/performance.md). A dynamically linked runner loads the module as a shared object the
// first time a command needs a database; a static runner runs its connecting program instead.
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

/// The module's interface, or throws retort::error. Defined in each runner's own generated source
/// (add_migrations), as one of the two ways below, so a runner's link pulls only the loader it
/// uses (a static one must not pull dlopen).
const online_interface& online();

/// A dynamically linked runner: loads the module at `path` (once; fixed when the runner was built).
const online_interface& load_online_module(const char* path);

/// A static runner cannot load a shared object: it replaces itself with its connecting program
/// (`name` beside the runner's own file, else `built`, where the build wrote it), which runs the
/// same command line; so this does not return.
[[noreturn]] const online_interface& run_online_program(const char* name, const char* built);

/// main()'s argv, kept for a static runner to hand to its connecting program.
void remember_command_line(char** argv);
char** remembered_command_line();

/// A command that lives in the module.
int run_online(const char* command, context& ctx, const std::vector<std::string>& args);

}  // namespace retort::cli
