#include "cli/commands.hpp"

#include "cli/online.hpp"

namespace {
/// A command of the database module (cli/online.hpp): loaded when it runs.
constexpr retort::cli::command_fn in_module = nullptr;
}  // namespace

namespace retort::cli {

const std::vector<command>& commands() {
    static const std::vector<command> list = {
        {"upgrade", "apply revisions up to a target", in_module},
        {"downgrade", "revert revisions down to a target", in_module},
        {"current", "show the database's current revisions", in_module},
        {"history", "list revisions, newest first", cmd_history},
        {"heads", "list the head revisions", cmd_heads},
        {"branches", "list the branch points", cmd_branches},
        {"graph", "write the revision graph as Graphviz DOT or SVG", cmd_graph},
        {"show", "show a revision in full", cmd_show},
        {"stamp", "set the version table without running migrations", in_module},
        {"check-revisions", "check every revision's operations (the build runs this)", cmd_check_revisions},
        {"config", "print the effective settings (password masked)", in_module},
        {"completion", "print a bash completion script", cmd_completion},
        {"check", "compare the database with this runner (exit codes in 'check --help')", in_module},
        {"repair", "re-record the checksums of reviewed, modified applied revisions", in_module},
        {"verify", "upgrade, downgrade and re-upgrade every revision on a scratch database", in_module},
        {"schema", "print the schema at head as canonical SQL (--check FILE: exit 7 when FILE is stale)", in_module},
        {"drift", "compare the database's schema with what its revisions build (exit 7 when they differ)", in_module},
        {"fleet-status", "progress of coordinated fleet runs, from the control database", in_module},
        {"autogenerate", "write a revision from the head schema to a dev database or a schema file", in_module},
        {"plan", "show what a plan would lock on this database, statement by statement", in_module},
        {"locks", "print the lock and cost of every operation (docs/locks.md)", cmd_locks},
    };
    return list;
}

int run_command(const command& c, context& ctx, const std::vector<std::string>& args) {
    return c.run ? c.run(ctx, args) : run_online(c.name, ctx, args);
}

}  // namespace retort::cli
