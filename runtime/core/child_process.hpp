// Runs another program (pg_dump) and waits for it: argv without a shell, so no path or name is
// ever interpreted, and extra environment variables for what must not be on a command line.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace retort {

struct child_result {
    int exit_code = -1;   ///< the exit status; 128 + signal when killed; 127 when it could not start
    std::string output;   ///< stdout and stderr together
};

/// Runs argv[0] (searched on PATH) with `env` added to this process's environment.
child_result run_child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});

}  // namespace retort
