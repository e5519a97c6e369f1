#include "cli/safety.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "db/connect.hpp"
#include "db/history.hpp"
#include "db/lock.hpp"
#include "db/session.hpp"
#include "lint/lint.hpp"
#include "plan/migrate.hpp"
#include "plan/sql_sink.hpp"
#include "cli/lock_report.hpp"
#include "cli/run_report.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

void add_safety_options(po::options_description& desc, safety_options& o, bool migrating) {
    desc.add_options()("lock-wait", po::value(&o.lock_wait)->default_value(o.lock_wait),
                       "how long to wait for another runner's migration lock")(
        "lock-timeout", po::value(&o.guards.lock_timeout)->default_value(o.guards.lock_timeout),
        "how long a statement may wait for a table lock (SET LOCAL in each revision's transaction; 0: no limit)")(
        "statement-timeout", po::value(&o.guards.statement_timeout)->default_value(o.guards.statement_timeout),
        "how long a statement may run (0: no limit)")(
        "retries", po::value(&o.guards.retries)->default_value(0), "extra attempts of a revision that timed out");
    if (!migrating) return;
    desc.add_options()("dry-run", po::bool_switch(&o.dry_run),
                       "read the database's state under the lock, print the plan and its exact SQL, change nothing")(
        "allow-modified", po::bool_switch(&o.allow_modified),
        "run even though an applied revision changed since it was applied")(
        "single-transaction", po::bool_switch(&o.guards.single_transaction),
        "run the whole plan in one transaction (refused when a revision has an autocommit block)")(
        "max-lock-rows", po::value(&o.max_lock_rows),
        "refuse (exit 8) a statement holding a write-blocking lock while it scans or rewrites a table over N rows, "
        "unless its revision acknowledges \"lock-on-large-table\"")(
        "blocker-wait", po::value(&o.blocker_wait)->default_value(o.blocker_wait),
        "before a strong lock, wait this long for a quiet moment, trying with lock_timeout 200ms (0: off)")(
        "terminate-blockers-after", po::value(&o.terminate_blockers_after),
        "end connections idle in a transaction that block a strong lock after waiting this long");
}

safety_options default_safety(const context& ctx) {
    safety_options o;
    const auto& settings = ctx.settings;
    if (!settings.lock_timeout.text.empty()) o.guards.lock_timeout = settings.lock_timeout.text;
    if (!settings.statement_timeout.text.empty()) o.guards.statement_timeout = settings.statement_timeout.text;
    o.guards.single_transaction = settings.single_transaction();
    o.max_lock_rows = settings.max_lock_rows.text;
    o.blocker_wait = settings.blocker_wait.text;
    o.terminate_blockers_after = settings.terminate_blockers_after.text;
    return o;
}

std::chrono::milliseconds parse_duration(const std::string& option, const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    std::string unit = text.substr(digits);
    static const std::pair<const char*, long long> units[] = {{"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60000},
                                                              {"h", 3600000}};
    if (digits > 0 && digits <= 9)
        for (const auto& [name, factor] : units)
            if (unit == name) return std::chrono::milliseconds(std::stoll(text.substr(0, digits)) * factor);
    throw usage_error("--" + option + " '" + text + "' is not a duration; write e.g. 500ms, 5s, 2min or 1h");
}

std::unique_ptr<db::session> open_checked_session(const context& ctx) {
    auto s = std::make_unique<db::session>(ctx.database_url);
    db::prepare_connection(*s, ctx.connect);
    db::refuse_transaction_pooler(ctx.database_url, *s);
    return s;
}

std::string compiled_checksum(const context& ctx, const std::string& id) {
    const auto& g = ctx.revisions->graph;
    auto i = g.find(id);
    if (!i) throw error("revision " + id + " is not compiled into this runner");
    return revision_checksum(id, *ctx.revisions->bodies.at(*i));
}

applied_state read_applied(const context& ctx, db::session& s, db::history& h) {
    const auto& g = ctx.revisions->graph;
    applied_state state;
    state.rows = s.read_versions(ctx.table);
    std::vector<index> known;
    for (const auto& row : state.rows) {
        if (auto i = g.find(row)) known.push_back(*i);
        else state.unknown.push_back(row);
    }
    for (const auto& [id, checksum] : h.applied_by_history())
        if (!g.find(id) && std::find(state.unknown.begin(), state.unknown.end(), id) == state.unknown.end())
            state.unknown.push_back(id);
    auto applied = g.ancestors(known);
    for (const auto& [id, checksum] : h.recorded_checksums()) {
        auto i = g.find(id);
        if (i && applied[*i] && compiled_checksum(ctx, id) != checksum) state.modified.push_back(id);
    }
    return state;
}

void refuse_modified(const context& ctx, const applied_state& state) {
    if (state.modified.empty()) return;
    const auto& g = ctx.revisions->graph;
    std::string names;
    for (const auto& id : state.modified) names += (names.empty() ? "" : ", ") + id + " (" + g[*g.find(id)].path + ")";
    throw error("applied revision" + std::string(state.modified.size() > 1 ? "s " : " ") + names +
                " changed since " + (state.modified.size() > 1 ? "they were" : "it was") +
                " applied; review the change, then run 'runner repair' to accept it, or pass --allow-modified");
}

void warn_lint(const context& ctx, const std::vector<plan::step>& steps) {
    const auto& g = ctx.revisions->graph;
    for (const auto& s : steps) {
        if (!s.upgrade) continue;
        for (const auto& f : lint::lint_revision(g[s.revision].id, *ctx.revisions->bodies.at(s.revision)))
            std::cerr << lint::describe(g[s.revision].id, f) << "\n";
    }
}

int run_online(context& ctx, bool upgrade, const std::string& target, const safety_options& o) {
    const auto& g = ctx.revisions->graph;
    auto wait = parse_duration("lock-wait", o.lock_wait);
    parse_duration("lock-timeout", o.guards.lock_timeout);
    parse_duration("statement-timeout", o.guards.statement_timeout);
    if (o.guards.retries < 0) throw usage_error("--retries must be 0 or more");
    auto guards = o.guards;
    guards.blocker_wait = parse_duration("blocker-wait", o.blocker_wait);
    if (!o.terminate_blockers_after.empty())
        guards.terminate_blockers_after = parse_duration("terminate-blockers-after", o.terminate_blockers_after);
    auto s = open_checked_session(ctx);
    s->lock_migrations(ctx.table, wait);
    // Everything that can refuse comes before the first change, so a refused run changes nothing.
    db::history h(*s, ctx.table.schema);
    auto state = read_applied(ctx, *s, h);
    if (!o.allow_modified) refuse_modified(ctx, state);
    auto current = database_heads(ctx, *s);
    graph::revision_map m(g);
    auto steps = upgrade ? plan::plan_upgrade(m, state.rows, target) : plan::plan_downgrade(m, state.rows, target);
    // The lock plan: --dry-run prints it, --max-lock-rows refuses it (exit 8) before anything runs.
    long long max_lock_rows = parse_max_lock_rows(o.max_lock_rows);
    if (o.dry_run || max_lock_rows > 0) {
        auto locks = plan_locks(ctx, *s, current, steps, max_lock_rows);
        if (o.dry_run) print_lock_plan(std::cerr, locks);
        else enforce_lock_policy(locks);
    }
    if (!o.dry_run && !steps.empty()) h.ensure();
    auto checksum = [&ctx](const std::string& id) { return compiled_checksum(ctx, id); };
    if (o.dry_run) {
        std::cerr << "Dry run: " << steps.size() << " step" << (steps.size() == 1 ? "" : "s")
                  << " planned; nothing will change\n";
        warn_lint(ctx, steps);
        plan::sql_sink printer(std::cout, false);
        db::dry_run_sink out(h, o.guards, checksum, printer);
        plan::migrate(m, ctx.revisions->bodies, current, steps, ctx.table, out);
        return exit_ok;
    }
    db::guarded_sink guarded(*s, h, guards, checksum, std::cerr);
    run_report out(*s, guarded, ctx.output, steps.size());
    plan::migrate(m, ctx.revisions->bodies, current, steps, ctx.table, out);
    if (steps.empty() && !ctx.output.quiet) std::cerr << "Nothing to do: the database is already at " << target << "\n";
    return exit_ok;
}

}  // namespace retort::cli
