// Runs a real binary (runner, mkrev, psql) and captures what a user would see.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace retort::test {

struct run_result {
    int exit_code = -1;   ///< the exit status, or 128 + signal
    std::string out;
    std::string err;
};

/// Runs argv[0] (searched on PATH) with extra environment variables (an empty value unsets one).
run_result run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
               const std::string& working_dir = {});

/// Number of lines in a text.
std::size_t count_lines(const std::string& text);

}  // namespace retort::test
