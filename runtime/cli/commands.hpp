// The runner's commands. Each parses its own options and returns an exit code; errors are
// thrown as retort::error and turned into one line in main().
#pragma once

#include "core/registry.hpp"
#include "render/version_table.hpp"

#include <string>
#include <vector>

namespace retort::cli {

struct context {
    std::string database_url;  ///< libpq connection string; empty: libpq's PG* variables
    render::version_table table;
    loaded_revisions* revisions;
};

using command_fn = int (*)(context&, const std::vector<std::string>& args);

struct command {
    const char* name;
    const char* summary;
    command_fn run;
};

/// Every command, in the order `--help` lists them.
const std::vector<command>& commands();

}  // namespace retort::cli
