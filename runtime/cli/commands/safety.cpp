// Commands that keep a live database honest: check (does it match this runner?), repair (accept
// reviewed changes to applied revisions), verify (does every downgrade undo its upgrade?).
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "db/catalog.hpp"
#include "db/connect.hpp"
#include "db/history.hpp"
#include "db/lock.hpp"
#include "db/session.hpp"
#include "lint/lint.hpp"
#include "plan/migrate.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <iostream>
#include <unistd.h>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

/// A scratch database on the same server, dropped again when the object goes (RAII).
class scratch_database {
public:
    explicit scratch_database(const context& ctx)
        : m_admin(ctx.database_url), m_name("retort_verify_" + std::to_string(getpid())) {
        m_admin.execute("DROP DATABASE IF EXISTS " + m_name);
        m_admin.execute("CREATE DATABASE " + m_name);
        m_conninfo = db::with_database(ctx.database_url, m_name);
    }
    ~scratch_database() {
        try {
            m_admin.execute("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
        } catch (...) {
            std::cerr << "warning: could not drop the scratch database " << m_name << "\n";
        }
    }
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;
    const std::string& conninfo() const { return m_conninfo; }

private:
    db::session m_admin;
    std::string m_name;
    std::string m_conninfo;
};

}  // namespace

int cmd_check(context& ctx, const std::vector<std::string>& args) {
    po::options_description desc;
    if (!parse_command("check",
                       "runner check\n\nCompares the database with this runner and reports, each with its exit code:\n"
                       "  6 applied revisions this runner does not know\n"
                       "  5 applied revisions modified since they were applied (see 'runner repair')\n"
                       "  3 several heads (merge them)\n"
                       "  4 not at head (revisions waiting)\n"
                       "  0 at head, nothing modified\n"
                       "When several hold, the first in this list decides the exit code. Lint warnings of waiting\n"
                       "revisions are printed too; they do not change the exit code.\n"
                       "Example: runner -d postgresql://app@localhost/app check",
                       desc, {}, args))
        return exit_ok;
    const auto& g = ctx.revisions->graph;
    auto s = open_checked_session(ctx);
    auto h = open_history(ctx, *s);
    auto state = read_applied(ctx, *s, h);
    int code = exit_ok;
    auto report = [&code](int c, const std::string& line) {
        std::cout << line << "\n";
        auto rank = [](int x) {
            static const int order[] = {exit_unknown_applied, exit_modified, exit_multiple_heads, exit_not_at_head};
            return static_cast<int>(std::find(std::begin(order), std::end(order), x) - std::begin(order));
        };
        if (code == exit_ok || rank(c) < rank(code)) code = c;
    };
    for (const auto& id : state.unknown)
        report(exit_unknown_applied, "unknown: revision " + id + " is applied but not compiled into this runner");
    for (const auto& id : state.modified)
        report(exit_modified, "modified: revision " + id + " (" + g[*g.find(id)].path +
                                  ") changed since it was applied; review it, then run 'runner repair'");
    auto heads = g.heads();
    if (heads.size() > 1) {
        std::vector<std::string> names;
        for (index i : heads) names.push_back(g[i].id);
        report(exit_multiple_heads, "several heads: " + join(names) + "; merge them with: mkrev --merge \"merge heads\"");
    }
    if (state.unknown.empty()) {
        plan::current_heads(g, state.rows);  // throws for a corrupted version table
        auto pending = plan::plan_upgrade(graph::revision_map(g), state.rows, "heads");
        if (!pending.empty()) {
            report(exit_not_at_head, "not at head: " + std::to_string(pending.size()) + " revision" +
                                         (pending.size() == 1 ? "" : "s") + " waiting (database at " +
                                         (state.rows.empty() ? std::string("<base>") : join(state.rows)) + ")");
            for (const auto& step : pending)
                for (const auto& f : lint::lint_revision(g[step.revision].id, *ctx.revisions->bodies.at(step.revision)))
                    std::cout << lint::describe(g[step.revision].id, f) << "\n";
        }
    }
    if (code == exit_ok) std::cout << "ok: the database is at head; applied revisions match this runner\n";
    return code;
}

int cmd_repair(context& ctx, const std::vector<std::string>& args) {
    safety_options o;
    po::options_description desc;
    desc.add_options()("lock-wait", po::value(&o.lock_wait)->default_value(o.lock_wait),
                       "how long to wait for another runner's migration lock");
    if (!parse_command("repair",
                       "runner repair\n\nAfter a person reviewed the change, records the current checksum of every "
                       "applied revision\nthat was modified (or has none recorded), so upgrade accepts it again.\n"
                       "Example: runner -d postgresql://app@localhost/app repair",
                       desc, {}, args))
        return exit_ok;
    const auto& g = ctx.revisions->graph;
    auto s = open_checked_session(ctx);
    s->lock_migrations(ctx.table, parse_duration("lock-wait", o.lock_wait));
    auto h = open_history(ctx, *s);
    h.ensure();
    auto state = read_applied(ctx, *s, h);
    if (!state.unknown.empty())
        throw error("cannot repair: the database has revisions this runner does not know: " + join(state.unknown));
    auto recorded = h.recorded_checksums();
    auto applied = g.ancestors(plan::current_heads(g, state.rows));
    int repaired = 0;
    for (index i : g.topological_order()) {
        if (!applied[i]) continue;
        const std::string& id = g[i].id;
        std::string now = compiled_checksum(ctx, id);
        auto it = recorded.find(id);
        if (it != recorded.end() && it->second == now) continue;
        s->execute(h.row(id, "repair", now).sql);
        std::cout << (it == recorded.end() ? "recorded" : "re-recorded") << " the checksum of " << id << " ("
                  << g[i].path << ")\n";
        ++repaired;
    }
    if (repaired == 0) std::cout << "nothing to repair: every applied revision matches this runner\n";
    return exit_ok;
}

int cmd_verify(context& ctx, const std::vector<std::string>& args) {
    std::string scratch_url;
    po::options_description desc;
    desc.add_options()("scratch-url", po::value(&scratch_url),
                       "an empty database to use (default: the runner creates one next to -d's and drops it)");
    if (!parse_command("verify",
                       "runner verify [--scratch-url URL]\n\nOn a scratch database, for each revision in order: "
                       "upgrade it, snapshot the schema,\ndowngrade it and compare with the schema before it, "
                       "upgrade it again.\nReports every revision whose downgrade does not restore the schema exactly "
                       "(exit 1).\nExample: runner -d postgresql://app@localhost/app verify",
                       desc, {}, args))
        return exit_ok;
    const auto& g = ctx.revisions->graph;
    std::unique_ptr<scratch_database> owned;
    if (scratch_url.empty()) owned = std::make_unique<scratch_database>(ctx);
    db::session s(owned ? owned->conninfo() : scratch_url);
    db::prepare_connection(s, ctx.connect);
    if (!s.read_versions(ctx.table).empty())
        throw usage_error("the scratch database is not empty: it has a version table with rows");
    const std::vector<std::string> skip = {ctx.table.name, ctx.table.name + "_pkc", "retort_history",
                                           "retort_history_pkey", "retort_history_id_seq"};
    db::database_sink sink(s, false);
    graph::revision_map m(g);
    std::vector<index> heads;
    std::vector<std::string> failed;
    auto step = [&](index r, bool up) {
        heads = plan::migrate(m, ctx.revisions->bodies, heads, {{r, up}}, ctx.table, sink);
        return db::schema_snapshot(s, skip);
    };
    const auto& order = g.topological_order();
    for (std::size_t n = 0; n < order.size(); ++n) {
        index r = order[n];
        auto before = db::schema_snapshot(s, skip);
        auto upgraded = step(r, true);
        auto undo = db::snapshot_diff(before, step(r, false));
        std::vector<std::string> redo;
        std::string stuck;
        try {
            redo = db::snapshot_diff(upgraded, step(r, true));
        } catch (const error& e) {
            stuck = e.what();  // the wrong downgrade usually makes the second upgrade fail
        }
        if (undo.empty() && redo.empty() && stuck.empty()) {
            std::cout << "ok      " << g[r].id << " " << g[r].message << "\n";
            continue;
        }
        failed.push_back(g[r].id);
        std::cout << "FAILED  " << g[r].id << " " << g[r].message << " (" << g[r].path << ")\n";
        if (!undo.empty()) std::cout << "  after downgrade, compared with the schema before the upgrade:\n";
        for (const auto& line : undo) std::cout << "    " << line << "\n";
        if (!redo.empty()) std::cout << "  the second upgrade, compared with the first:\n";
        for (const auto& line : redo) std::cout << "    " << line << "\n";
        if (!stuck.empty()) {
            std::cout << "  the second upgrade failed: " << stuck << "\n";
            if (n + 1 < order.size())
                std::cout << "stopped: " << order.size() - n - 1 << " later revision(s) not verified\n";
            break;
        }
    }
    if (!failed.empty())
        throw error("verify: " + std::to_string(failed.size()) + " of " + std::to_string(g.size()) +
                    " revisions do not downgrade to the schema before them: " + join(failed));
    std::cout << "verified " << g.size() << " revisions: every downgrade restores the schema\n";
    return exit_ok;
}

}  // namespace retort::cli
