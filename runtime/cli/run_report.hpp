// What a person sees while a migrator works: "Running ..." per step (not with -q), each
// statement and its time with --echo, notices (retries, lock waits), and on a terminal a progress
// line ("revision k of n, 3.2 s elapsed") that is erased before anything else prints.
#pragma once

#include "cli/terminal.hpp"
#include "migrate/result.hpp"

#include <chrono>
#include <cstddef>

namespace retort::cli {

class run_report final : public migrate::observer {
public:
    explicit run_report(const output_options& o) : m_out(o) {}
    ~run_report() override;  ///< erases the progress line, also when a step failed
    run_report(const run_report&) = delete;
    run_report& operator=(const run_report&) = delete;

    void lock_wait(const std::string& line) override;
    void step_started(const migrate::planned_step& step, std::size_t number, std::size_t total) override;
    void statement(const std::string& sql, double seconds) override;
    bool wants_statements() const override { return m_out.echo; }
    void notice(const std::string& line) override;

private:
    void clear_progress();

    output_options m_out;
    bool m_progress_shown = false;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace retort::cli
