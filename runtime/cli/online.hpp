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

/// The module's interface, or throws retort::error. A dynamically linked runner loads the module
/// (once; its path was fixed when the runner was built: online_module_loader.cpp). A static runner
/// cannot load a shared object: it replaces itself with its connecting program, which runs the
/// same command line (online_program_loader.cpp), so this does not return.
const online_interface& online();

/// main()'s argv, kept for a static runner to hand to its connecting program.
void remember_command_line(char** argv);
char** remembered_command_line();

/// A command that lives in the module.
int run_online(const char* command, context& ctx, const std::vector<std::string>& args);

}  // namespace retort::cli
