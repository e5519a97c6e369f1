#include "fleet/fleet_run.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace retort::fleet {

const char* status_name(status s) {
    switch (s) {
    case status::ok: return "ok";
    case status::failed: return "failed";
    case status::unreachable: return "unreachable";
    case status::not_attempted: return "not_attempted";
    }
    return "?";
}

namespace {

/// Runs targets[first, last) on `jobs` threads; stops handing out new targets once `stop` holds.
class batch {
public:
    batch(const std::vector<target>& targets, std::vector<record>& records, const options& o, const job& run_one,
          const observer& notify, progress& counts, std::mutex& lock)
        : m_targets(targets), m_records(records), m_options(o), m_run(run_one), m_notify(notify), m_counts(counts),
          m_lock(lock) {}

    /// Runs targets[first, last) in input order; returns how many did not end ok.
    std::size_t run(std::size_t first, std::size_t last) {
        std::atomic<std::size_t> next{first};
        return run([&]() -> std::optional<std::size_t> {
            std::size_t i = next++;
            if (i >= last) return std::nullopt;
            return i;
        }, last - first);
    }

    /// Runs the targets `next` hands out on at most `width` threads; returns how many did not end ok.
    std::size_t run(const source& next, std::size_t width) {
        std::atomic<std::size_t> failures{0};
        auto worker = [&] {
            for (;;) {
                if (limit_reached()) return;
                auto claimed = next();
                if (!claimed) return;
                std::size_t i = *claimed;
                record r = m_run(m_targets[i]);
                std::lock_guard<std::mutex> guard(m_lock);
                m_records[i] = r;
                ++m_counts.done;
                if (r.state != status::ok) {
                    ++m_counts.failed;
                    ++failures;
                }
                if (m_notify) m_notify(r, m_counts);
            }
        };
        std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, m_options.jobs)), width);
        std::vector<std::thread> pool;
        for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
        return failures;
    }

private:
    bool limit_reached() {
        std::lock_guard<std::mutex> guard(m_lock);
        return m_options.max_failures > 0 && m_counts.failed >= static_cast<std::size_t>(m_options.max_failures);
    }

    const std::vector<target>& m_targets;
    std::vector<record>& m_records;
    const options& m_options;
    const job& m_run;
    const observer& m_notify;
    progress& m_counts;
    std::mutex& m_lock;
};

}  // namespace

namespace {
std::vector<record> not_attempted(const std::vector<target>& targets) {
    std::vector<record> records(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        records[i].name = targets[i].name;
        records[i].url = masked(targets[i].conninfo);
        records[i].schema = targets[i].schema;
    }
    return records;
}
}  // namespace

std::vector<record> run_fleet_from(const std::vector<target>& targets, const options& o, const source& next,
                                   const job& run_one, const observer& notify) {
    auto records = not_attempted(targets);
    progress counts;
    counts.total = targets.size();
    std::mutex lock;
    batch(targets, records, o, run_one, notify, counts, lock).run(next, targets.size());
    return records;
}

std::vector<record> run_fleet(const std::vector<target>& targets, const options& o, const job& run_one,
                              const observer& notify) {
    auto records = not_attempted(targets);
    progress counts;
    counts.total = targets.size();
    std::mutex lock;
    batch b(targets, records, o, run_one, notify, counts, lock);
    std::size_t canary = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, o.canary)), targets.size());
    if (canary > 0 && b.run(0, canary) > 0) return records;  // a failing canary stops the run
    b.run(canary, targets.size());
    return records;
}

}  // namespace retort::fleet
