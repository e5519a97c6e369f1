// How a static runner reaches the database: it cannot dlopen the database module (a static C
// library has no dynamic loader), so a command that connects replaces the runner with its
// connecting program (add_migrations builds it beside the runner from the same revisions:
// today's dynamically linked runner), which runs the same command line from the start. Only the
// commands that never connect pay for nothing but the runner itself (docs/performance.md).
#include "cli/online.hpp"

#include "core/errors.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <unistd.h>

namespace retort::cli {

namespace {
bool executable(const std::string& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

/// `name` beside the runner's own file `self` first (both installed together), then `built`,
/// where the build wrote it; empty when neither is an executable file.
std::string find_online_program(const std::string& self, const std::string& name, const std::string& built) {
    if (!self.empty() && !name.empty()) {
        std::string beside = (std::filesystem::path(self).parent_path() / name).string();
        if (executable(beside)) return beside;
    }
    return executable(built) ? built : std::string();
}
}  // namespace

const online_interface& run_online_program(const char* name, const char* built) {
    std::error_code ec;
    std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    std::string program = find_online_program(self, name, built);
    if (program.empty())
        throw error(std::string("cannot find ") + name +
                    ", the part of this runner that connects to databases: build it (it belongs at " + built +
                    ") or install it beside the runner");
    char** argv = remembered_command_line();
    if (!argv) throw error("this runner cannot connect to a database from here (no command line to pass on)");
    std::cout.flush();
    std::cerr.flush();
    ::execv(program.c_str(), argv);
    throw error("cannot run " + program + ", the part of this runner that connects to databases: " +
                std::strerror(errno));
}

}  // namespace retort::cli
