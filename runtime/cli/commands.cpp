#include "cli/commands.hpp"

#include "cli/safety.hpp"
#include "plan/planner.hpp"

namespace retort::cli {

std::vector<graph::index> database_heads(const context& ctx) {
    return plan::current_heads(ctx.revisions->graph, migrator_for(ctx).version_rows());
}

const std::vector<command>& commands() {
    static const std::vector<command> list = {
        {"upgrade", "apply revisions up to a target", cmd_upgrade},
        {"downgrade", "revert revisions down to a target", cmd_downgrade},
        {"current", "show the database's current revisions", cmd_current},
        {"history", "list revisions, newest first", cmd_history},
        {"heads", "list the head revisions", cmd_heads},
        {"branches", "list the branch points", cmd_branches},
        {"graph", "write the revision graph as Graphviz DOT or SVG", cmd_graph},
        {"show", "show a revision in full", cmd_show},
        {"stamp", "set the version table without running migrations", cmd_stamp},
        {"check-revisions", "check every revision's operations (the build runs this)", cmd_check_revisions},
        {"config", "print the effective settings (password masked)", cmd_config},
        {"completion", "print a bash completion script", cmd_completion},
        {"check", "compare the database with this runner (exit codes in 'check --help')", cmd_check},
        {"repair", "re-record the checksums of reviewed, modified applied revisions", cmd_repair},
        {"verify", "upgrade, downgrade and re-upgrade every revision on a scratch database", cmd_verify},
        {"schema", "print the schema at head as canonical SQL (--check FILE: exit 7 when FILE is stale)", cmd_schema},
        {"drift", "compare the database's schema with what its revisions build (exit 7 when they differ)", cmd_drift},
        {"fleet-status", "progress of coordinated fleet runs, from the control database", cmd_fleet_status},
        {"autogenerate", "write a revision from the head schema to a dev database or a schema file", cmd_autogenerate},
        {"plan", "show what a plan would lock on this database, statement by statement", cmd_plan},
        {"locks", "print the lock and cost of every operation (docs/locks.md)", cmd_locks},
    };
    return list;
}

}  // namespace retort::cli
