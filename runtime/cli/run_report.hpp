// What a person sees while upgrade/downgrade changes a database: "Running ..." per revision
// (not with -q), each statement and its time with --echo, and on a terminal a progress line
// ("revision k of n, 3.2 s elapsed") that is erased before anything else prints. It wraps the
// sink that does the work (a db::database_sink, or any sink running on the same session).
#pragma once

#include "cli/terminal.hpp"
#include "db/session.hpp"

#include <chrono>
#include <cstddef>

namespace retort::cli {

class run_report final : public plan::sink {
public:
    /// `inner` runs the programs on `s`; `steps` is the plan's length, for "k of n".
    run_report(db::session& s, plan::sink& inner, const output_options& o, std::size_t steps);
    ~run_report() override;  ///< erases the progress line, also when a step failed
    run_report(const run_report&) = delete;
    run_report& operator=(const run_report&) = delete;

    void prepare(const render::statement& create_version_table) override;
    void run(const plan::step_program& program) override;
    void finish() override;

private:
    void clear_progress();
    void echo(const std::string& sql, double seconds);

    db::session& m_session;
    plan::sink& m_inner;
    output_options m_out;
    std::size_t m_total, m_done = 0;
    bool m_progress_shown = false;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace retort::cli
