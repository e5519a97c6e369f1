#include "cli/lock_report.hpp"

#include "core/text.hpp"

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

void print_lock_plan(std::ostream& out, const locks::lock_plan& plan) {
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
            for (const auto& b : st.blockers) out << "  " << std::setw(24) << "" << "blocked now by " << locks::describe(b) << "\n";
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

nlohmann::json lock_plan_json(const locks::lock_plan& plan) {
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

}  // namespace retort::cli
