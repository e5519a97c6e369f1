#include "db/lock_plan.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/blockers.hpp"
#include "db/live_facts.hpp"

#include <pqxx/pqxx>

#include <map>

namespace retort::db {

namespace {

std::string transaction_of(const plan::block& b, const render::statement& s) {
    if (!b.transactional) return "none";
    return s.own_transaction ? "own" : "revision";
}

}  // namespace

locks::lock_plan build_lock_plan(session& s, const std::vector<plan::step_program>& programs,
                                 const std::vector<std::vector<acknowledgement>>& acknowledgements,
                                 long long max_lock_rows) {
    locks::lock_plan out;
    out.max_lock_rows = max_lock_rows;
    std::map<std::string, locks::table_size> sizes;  // one catalog look per table
    try {
        for (std::size_t p = 0; p < programs.size(); ++p) {
            const auto& program = programs[p];
            locks::step_plan step{program.revision, program.title, {}};
            for (const auto& block : program.blocks)
                for (const auto& st : block.statements) {
                    locks::statement_plan ps{st.sql, transaction_of(block, st), locks::facts(st), {}, {}};
                    refine(s, ps.facts);
                    for (const auto& t : ps.facts.tables) {
                        std::string key = t.schema + "." + t.table;
                        auto it = sizes.find(key);
                        if (it == sizes.end()) it = sizes.emplace(key, size_of(s, t.schema, t.table)).first;
                        ps.tables.push_back({t, it->second});
                        if (t.mode >= locks::level::share && it->second.exists)
                            for (auto& b : find_blockers(s, t)) ps.blockers.push_back(std::move(b));
                        if (max_lock_rows <= 0 || !it->second.exists || it->second.rows <= max_lock_rows ||
                            !locks::long_strong_lock(ps.facts, t))
                            continue;
                        locks::lock_warning w{program.revision, t.table, shorten(st.sql), t.mode, ps.facts.work,
                                              it->second.rows, false, {}};
                        if (p < acknowledgements.size())
                            for (const auto& a : acknowledgements[p])
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
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the lock facts from the catalog: " + one_line(e.what()), e.sqlstate());
    }
    return out;
}

}  // namespace retort::db
