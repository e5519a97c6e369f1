// Commands that keep a live database honest: check (does it match this runner?), repair (accept
// reviewed changes to applied revisions), verify (does every downgrade undo its upgrade?).
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "cli/fleet.hpp"
#include "cli/head_schema.hpp"
#include "cli/run_report.hpp"

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

}  // namespace

int cmd_check(context& ctx, const std::vector<std::string>& args) {
    bool drift = false;
    std::string scratch_url;
    po::options_description desc;
    desc.add_options()("drift", po::bool_switch(&drift),
                       "also compare the schema with what the applied revisions build (exit 7; see 'runner drift')")(
        "scratch-url", po::value(&scratch_url), "with --drift: server for the scratch database (see 'runner drift')");
    fleet_cli_options fleet;
    add_fleet_options(desc, fleet);
    if (!parse_command("check",
                       "runner check\n\nCompares the database with this runner and reports, each with its exit code:\n"
                       "  6 applied revisions this runner does not know\n"
                       "  5 applied revisions modified since they were applied (see 'runner repair')\n"
                       "  3 several heads (merge them)\n"
                       "  1 the role lacks privileges the waiting revisions need (each is listed)\n"
                       "  4 not at head (revisions waiting)\n"
                       "  7 with --drift: the schema differs from what the applied revisions build\n"
                       "  0 at head, nothing modified\n"
                       "When several hold, the first in this list decides the exit code. Lint warnings of waiting\n"
                       "revisions are printed too; they do not change the exit code. --drift reads only the catalog.\n"
                       "Example: runner -d postgresql://app@localhost/app check",
                       desc, {}, args))
        return exit_ok;
    if (fleet.requested()) return run_fleet_command(ctx, {"check", "heads"}, fleet, {});
    const auto& g = ctx.revisions->graph;
    auto report = migrator_for(ctx).check();
    for (const auto& id : report.state.unknown)
        std::cout << "unknown: revision " << id << " is applied but not compiled into this runner\n";
    for (const auto& id : report.state.modified)
        std::cout << "modified: revision " << id << " (" << g[*g.find(id)].path
                  << ") changed since it was applied; review it, then run 'runner repair'\n";
    if (report.heads.size() > 1)
        std::cout << "several heads: " << join(report.heads) << "; merge them with: mkrev --merge \"merge heads\"\n";
    if (!report.pending.empty()) {
        const auto& rows = report.state.rows;
        std::cout << "not at head: " << report.pending.size() << " revision" << (report.pending.size() == 1 ? "" : "s")
                  << " waiting (database at " << (rows.empty() ? std::string("<base>") : join(rows)) << ")\n";
        for (const auto& line : report.lint) std::cout << line << "\n";
    }
    for (const auto& line : report.privileges) std::cout << line << "\n";
    if (!report.privileges.empty())
        std::cout << "missing privileges: role " << report.role << " lacks privileges the waiting revisions need\n";
    int code = report.exit_code;
    if (drift && report.state.unknown.empty()) {
        auto differences = find_drift(ctx, scratch_url).differences;
        for (const auto& d : differences) std::cout << "drift: " << schema::describe(d) << "\n";
        if (!differences.empty() && code == exit_ok) code = exit_drift;
    }
    if (code == exit_ok)
        std::cout << "ok: the database is at head; applied revisions match this runner"
                  << (drift ? "; its schema is what they build" : "") << "\n";
    return code;
}

int cmd_repair(context& ctx, const std::vector<std::string>& args) {
    safety_options o = default_safety(ctx);
    po::options_description desc;
    desc.add_options()("lock-wait", po::value(&o.lock_wait)->default_value(o.lock_wait),
                       "how long to wait for another runner's migration lock");
    if (!parse_command("repair",
                       "runner repair\n\nAfter a person reviewed the change, records the current checksum of every "
                       "applied revision\nthat was modified (or has none recorded), so upgrade accepts it again.\n"
                       "Example: runner -d postgresql://app@localhost/app repair",
                       desc, {}, args))
        return exit_ok;
    auto migrator = migrator_for(ctx, run_options(o));
    std::vector<migrate::repaired> done;
    {
        run_report report(ctx.output);
        done = migrator.repair(report);
    }
    for (const auto& r : done)
        std::cout << (r.first_record ? "recorded" : "re-recorded") << " the checksum of " << r.revision << " ("
                  << r.path << ")\n";
    if (done.empty()) std::cout << "nothing to repair: every applied revision matches this runner\n";
    return exit_ok;
}

int cmd_verify(context& ctx, const std::vector<std::string>& args) {
    std::string scratch_url;
    po::options_description desc;
    desc.add_options()("scratch-url", po::value(&scratch_url),
                       "server for the scratch database (created and dropped there; default: the server of -d, never production)");
    if (!parse_command("verify",
                       "runner verify [--scratch-url URL]\n\nOn a scratch database, for each revision in order: "
                       "upgrade it, snapshot the schema,\ndowngrade it and compare with the schema before it, "
                       "upgrade it again.\nReports every revision whose downgrade does not restore the schema exactly "
                       "(exit 1).\nA revision whose downgrade() says op.irreversible(\"why\") is reported as accepted.\nExample: runner -d postgresql://app@localhost/app verify",
                       desc, {}, args))
        return exit_ok;
    auto report = migrator_for(ctx).verify(scratch_url);
    std::vector<std::string> failed;
    for (const auto& v : report.revisions) {
        if (!v.irreversible.empty()) {
            // Its author said it cannot be undone (op.irreversible): nothing to compare, it stays upgraded.
            std::cout << "accepted " << v.revision << " " << v.message << " (irreversible: " << v.irreversible << ")\n";
            continue;
        }
        if (v.ok()) {
            std::cout << "ok      " << v.revision << " " << v.message << "\n";
            continue;
        }
        failed.push_back(v.revision);
        std::cout << "FAILED  " << v.revision << " " << v.message << " (" << v.path << ")\n";
        if (!v.undo.empty()) std::cout << "  after downgrade, compared with the schema before the upgrade:\n";
        for (const auto& line : v.undo) std::cout << "    " << line << "\n";
        if (!v.redo.empty()) std::cout << "  the second upgrade, compared with the first:\n";
        for (const auto& line : v.redo) std::cout << "    " << line << "\n";
        if (!v.stuck.empty()) std::cout << "  the second upgrade failed: " << v.stuck << "\n";
    }
    if (report.revisions.size() < report.total && !report.revisions.empty() && !report.revisions.back().stuck.empty())
        std::cout << "stopped: " << report.total - report.revisions.size() << " later revision(s) not verified\n";
    for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
    if (!failed.empty())
        throw error("verify: " + std::to_string(failed.size()) + " of " + std::to_string(report.total) +
                    " revisions do not downgrade to the schema before them: " + join(failed));
    std::size_t accepted = 0;
    for (const auto& v : report.revisions) accepted += v.irreversible.empty() ? 0 : 1;
    std::cout << "verified " << report.total << " revisions: every downgrade restores the schema";
    if (accepted) std::cout << " (" << accepted << " irreversible, accepted without a downgrade)";
    std::cout << "\n";
    return exit_ok;
}

}  // namespace retort::cli
