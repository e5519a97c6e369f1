// Boost.Program_options glue shared by the commands: --help with usage and example, positional
// arguments, and parse errors turned into usage_error.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace retort::cli {

/// Parses a command's arguments into `desc`'s variables. Returns false when --help was printed.
bool parse_command(const std::string& name, const std::string& usage, boost::program_options::options_description& desc,
                   const std::vector<std::string>& positional, const std::vector<std::string>& args);

}  // namespace retort::cli
