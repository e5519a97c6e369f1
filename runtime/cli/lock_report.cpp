#include "cli/lock_report.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "plan/collect_sink.hpp"
#include "plan/migrate.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iomanip>

namespace retort::cli {

namespace {

std::string size_text(long long bytes) {
    static const char* const units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 10240 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f %s", v, units[u]);
    return buffer;
}

std::string table_name(const locks::table_lock& t) { return t.schema.empty() ? t.table : t.schema + "." + t.table; }

}  // namespace

long long parse_max_lock_rows(const std::string& text) {
    if (text.empty()) return 0;
    if (text.find_first_not_of("0123456789") != std::string::npos || text.size() > 15)
        throw usage_error("--max-lock-rows '" + text + "' is not a number of rows");
    return std::stoll(text);
}

db::lock_plan plan_locks(const context& ctx, db::session& s, const std::vector<graph::index>& current,
                         const std::vector<plan::step>& steps, long long max_lock_rows) {
    graph::revision_map m(ctx.revisions->graph);
    plan::collect_sink programs;
    plan::migrate(m, ctx.revisions->bodies, current, steps, ctx.table, programs);
    std::vector<std::vector<acknowledgement>> acknowledged;
    for (const auto& step : steps) {
        const auto& body = *ctx.revisions->bodies.at(step.revision);
        acknowledged.push_back(record_acknowledgements(step.upgrade ? body.upgrade : body.downgrade));
    }
    return db::build_lock_plan(s, programs.programs(), acknowledged, max_lock_rows);
}

void print_lock_plan(std::ostream& out, const db::lock_plan& plan) {
    for (const auto& step : plan.steps) {
        out << step.title << "\n";
        for (const auto& st : step.statements) {
            std::string sql = shorten(st.sql);
            const char* txn = st.transaction == "own" ? "commits alone" : st.transaction == "none" ? "autocommit" : "";
            std::string work = std::string(locks::name(st.facts.work)) + (st.facts.certain ? "" : "?");
            if (st.tables.empty())
                out << "  " << std::left << std::setw(24) << "-" << std::setw(24) << "no table lock" << std::setw(14)
                    << work << std::setw(24) << "" << sql << "\n";
            for (const auto& t : st.tables) {
                std::string size = t.size.exists ? "~" + std::to_string(t.size.rows) + " rows, " + size_text(t.size.bytes)
                                                 : "new";
                out << "  " << std::left << std::setw(24) << table_name(t.lock) << std::setw(24) << locks::name(t.lock.mode)
                    << std::setw(14) << work << std::setw(24) << size << sql << "\n";
            }
            for (const auto& b : st.blockers) out << "  " << std::setw(24) << "" << "blocked now by " << db::describe(b) << "\n";
            if (*txn || !st.facts.note.empty())
                out << "  " << std::setw(24) << "" << "(" << txn << (*txn && !st.facts.note.empty() ? "; " : "")
                    << st.facts.note << ")\n";
        }
    }
    for (const auto& w : plan.warnings)
        out << (w.acknowledged ? "note: " : "warning: ") << w.text()
            << (w.acknowledged ? " (acknowledged: " + w.reason + ")"
                               : " (over --max-lock-rows " + std::to_string(plan.max_lock_rows) + ")")
            << "\n";
}

nlohmann::json lock_plan_json(const db::lock_plan& plan) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : plan.steps) {
        nlohmann::json statements = nlohmann::json::array();
        for (const auto& st : step.statements) {
            nlohmann::json tables = nlohmann::json::array();
            for (const auto& t : st.tables)
                tables.push_back({{"schema", t.lock.schema},
                                  {"table", t.lock.table},
                                  {"lock", locks::name(t.lock.mode)},
                                  {"exists", t.size.exists},
                                  {"rows", t.size.rows},
                                  {"bytes", t.size.bytes}});
            nlohmann::json blockers = nlohmann::json::array();
            for (const auto& b : st.blockers)
                blockers.push_back({{"pid", b.pid},
                                    {"application_name", b.application},
                                    {"state", b.state},
                                    {"mode", b.mode},
                                    {"granted", b.granted},
                                    {"age_seconds", b.age_seconds},
                                    {"table", b.table}});
            statements.push_back({{"blockers", blockers},
                                  {"sql", st.sql},
                                  {"transaction", st.transaction},
                                  {"work", locks::name(st.facts.work)},
                                  {"certain", st.facts.certain},
                                  {"note", st.facts.note},
                                  {"tables", tables}});
        }
        steps.push_back({{"revision", step.revision}, {"title", step.title}, {"statements", statements}});
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : plan.warnings)
        warnings.push_back({{"revision", w.revision},
                            {"table", w.table},
                            {"lock", locks::name(w.mode)},
                            {"work", locks::name(w.work)},
                            {"rows", w.rows},
                            {"statement", w.statement},
                            {"acknowledged", w.acknowledged},
                            {"reason", w.reason},
                            {"message", w.text()}});
    return {{"format", 1},
            {"max_lock_rows", plan.max_lock_rows},
            {"steps", steps},
            {"warnings", warnings}};
}

void enforce_lock_policy(const db::lock_plan& plan) {
    auto refused = plan.unacknowledged();
    if (refused.empty()) return;
    std::string why = refused.front().text();
    if (refused.size() > 1) why += " (and " + std::to_string(refused.size() - 1) + " more; see 'runner plan')";
    throw error("lock policy (--max-lock-rows " + std::to_string(plan.max_lock_rows) + "): " + why +
                    "; use a safe recipe (docs/locks.md), or acknowledge it in the revision with op.acknowledge(\"" +
                    locks::large_table_rule + "\", \"why\")",
                exit_lock_policy);
}

}  // namespace retort::cli
