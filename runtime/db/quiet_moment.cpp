#include "db/quiet_moment.hpp"

#include "core/errors.hpp"
#include "db/blockers.hpp"
#include "db/session.hpp"
#include "locks/lock_facts.hpp"

#include <thread>

namespace retort::db {

namespace {

std::vector<locks::table_lock> strong_locks(const plan::step_program& program) {
    std::vector<locks::table_lock> out;
    for (const auto& b : program.blocks)
        for (const auto& s : b.statements)
            for (const auto& t : locks::facts(s).tables)
                if (t.mode >= locks::level::share) out.push_back(t);
    return out;
}

bool lock_timeout_expired(const database_error& e) {
    return e.sqlstate() == "55P03" && std::string(e.what()).find("lock timeout") != std::string::npos;
}

}  // namespace

bool run_when_quiet(session& s, const plan::step_program& quick, const quiet_moment& q,
                    const std::function<void(const std::string&)>& notice) {
    if (q.wait.count() <= 0) return false;
    auto strong = strong_locks(quick);
    if (strong.empty()) return false;
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    bool reported = false;
    for (;;) {
        try {
            s.run(quick);
            return true;
        } catch (const database_error& e) {
            if (!lock_timeout_expired(e)) throw;
        }
        std::vector<locks::blocker> blockers;
        for (const auto& t : strong)
            for (auto& b : find_blockers(s, t)) blockers.push_back(std::move(b));
        std::string names;
        for (const auto& b : blockers) names += (names.empty() ? "" : ", ") + locks::describe(b);
        if (names.empty()) names = "a connection that has finished by now";
        const auto waited = clock::now() - start;
        if (!reported && notice)
            notice("revision " + quick.revision + ": waiting for a quiet moment (--blocker-wait) behind " + names);
        reported = true;
        if (q.terminate_after.count() > 0 && waited >= q.terminate_after)
            for (const auto& b : terminate_idle(s, blockers))
                if (notice) notice("revision " + quick.revision + ": ended " + locks::describe(b) + " (--terminate-blockers-after)");
        if (waited >= q.wait)
            throw database_error("revision " + quick.revision + " found no quiet moment for its locks within " +
                                     "--blocker-wait (" + std::to_string(q.wait.count()) + "ms); blocked by " + names +
                                     "; nothing of it is applied",
                                 "55P03");
        std::this_thread::sleep_for(q.pause);
    }
}

}  // namespace retort::db
