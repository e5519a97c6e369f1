#include "db/lock_plan.hpp"

#include "core/text.hpp"

#include <map>

namespace retort::db {

namespace {

std::string transaction_of(const plan::block& b, const render::statement& s) {
    if (!b.transactional) return "none";
    return s.own_transaction ? "own" : "revision";
}

/// A statement that blocks the application's writes for as long as it reads or rewrites the table.
bool long_strong_lock(const locks::statement_facts& f, const locks::table_lock& t) {
    bool long_work = f.work == locks::cost::scan || f.work == locks::cost::rewrite || f.work == locks::cost::unknown;
    return long_work && locks::blocks_writes(t.mode);
}

}  // namespace

std::string lock_warning::text() const {
    return revision + ": " + statement + " takes " + locks::name(mode) + " on " + table + " (~" +
           std::to_string(rows) + " rows) and " +
           (work == locks::cost::rewrite ? "rewrites it" : work == locks::cost::scan ? "scans it" : "may scan it") +
           ": writes wait until it ends";
}

std::vector<lock_warning> lock_plan::unacknowledged() const {
    std::vector<lock_warning> out;
    for (const auto& w : warnings)
        if (!w.acknowledged) out.push_back(w);
    return out;
}

lock_plan build_lock_plan(session& s, const std::vector<plan::step_program>& programs,
                          const std::vector<std::vector<acknowledgement>>& acknowledgements, long long max_lock_rows) {
    lock_plan out;
    out.max_lock_rows = max_lock_rows;
    std::map<std::string, table_size> sizes;  // one catalog look per table
    for (std::size_t p = 0; p < programs.size(); ++p) {
        const auto& program = programs[p];
        planned_step step{program.revision, program.title, {}, p < acknowledgements.size() ? acknowledgements[p] : std::vector<acknowledgement>{}};
        for (const auto& block : program.blocks)
            for (const auto& st : block.statements) {
                planned_statement ps{st.sql, transaction_of(block, st), locks::facts(st), {}};
                refine(s, ps.facts);
                for (const auto& t : ps.facts.tables) {
                    std::string key = t.schema + "." + t.table;
                    auto it = sizes.find(key);
                    if (it == sizes.end()) it = sizes.emplace(key, size_of(s, t.schema, t.table)).first;
                    ps.tables.push_back({t, it->second});
                    if (t.mode >= locks::level::share && it->second.exists)
                        for (auto& b : find_blockers(s, t)) ps.blockers.push_back(std::move(b));
                    if (max_lock_rows <= 0 || !it->second.exists || it->second.rows <= max_lock_rows ||
                        !long_strong_lock(ps.facts, t))
                        continue;
                    lock_warning w{program.revision, t.table, shorten(st.sql), t.mode, ps.facts.work, it->second.rows};
                    for (const auto& a : step.acknowledgements)
                        if (a.rule == locks::large_table_rule) {
                            w.acknowledged = true;
                            w.reason = a.reason;
                        }
                    out.warnings.push_back(std::move(w));
                }
                step.statements.push_back(std::move(ps));
            }
        out.steps.push_back(std::move(step));
    }
    return out;
}

}  // namespace retort::db
