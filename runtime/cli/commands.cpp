#include "cli/commands.hpp"

#include "db/session.hpp"
#include "plan/planner.hpp"

namespace retort::cli {

std::vector<graph::index> database_heads(context& ctx, db::session& s) {
    return plan::current_heads(ctx.revisions->graph, s.read_versions(ctx.table));
}

const std::vector<command>& commands() {
    static const std::vector<command> list = {
        {"upgrade", "apply revisions up to a target", cmd_upgrade},
        {"downgrade", "revert revisions down to a target", cmd_downgrade},
        {"current", "show the database's current revisions", cmd_current},
        {"history", "list revisions, newest first", cmd_history},
        {"heads", "list the head revisions", cmd_heads},
        {"branches", "list the branch points", cmd_branches},
        {"show", "show a revision in full", cmd_show},
        {"stamp", "set the version table without running migrations", cmd_stamp},
        {"check-revisions", "check every revision's operations (the build runs this)", cmd_check_revisions},
        {"config", "print the effective settings (password masked)", cmd_config},
        {"completion", "print a bash completion script", cmd_completion},
        {"check", "compare the database with this runner (exit codes in 'check --help')", cmd_check},
        {"repair", "re-record the checksums of reviewed, modified applied revisions", cmd_repair},
        {"verify", "upgrade, downgrade and re-upgrade every revision on a scratch database", cmd_verify},
        {"plan", "show what a plan would lock on this database, statement by statement", cmd_plan},
        {"locks", "print the lock and cost of every operation (docs/locks.md)", cmd_locks},
    };
    return list;
}

}  // namespace retort::cli
