#include "cli/online.hpp"

namespace retort::cli {

namespace {
char** command_line = nullptr;
}

void remember_command_line(char** argv) { command_line = argv; }

char** remembered_command_line() { return command_line; }

int run_online(const char* command, context& ctx, const std::vector<std::string>& args) {
    return online().run(command, ctx, args);
}

std::vector<graph::index> database_heads(const context& ctx) { return online().database_heads(ctx); }

}  // namespace retort::cli
