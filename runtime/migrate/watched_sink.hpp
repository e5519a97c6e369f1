// A sink between the plan and the sink that does the work: tells the observer when each step
// starts and ends, times it, records it in the run's result, and knows which step is running
// (for the failure a run returns).
#pragma once

#include "migrate/result.hpp"
#include "plan/program.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace retort::migrate {

class watched_sink final : public plan::sink {
public:
    /// `direction` empty: "upgrade" or "downgrade" from each program; else this (e.g. "stamp").
    watched_sink(plan::sink& inner, observer& o, run_result& result, std::string direction = {});

    void prepare(const render::statement& create_version_table) override { m_inner.prepare(create_version_table); }
    void run(const plan::step_program& program) override;
    void finish() override { m_inner.finish(); }

    /// The revision of the step that is running (empty between steps).
    const std::string& running() const { return m_running; }

private:
    plan::sink& m_inner;
    observer& m_observer;
    run_result& m_result;
    std::string m_direction;
    std::string m_running;
    std::size_t m_number = 0;
};

}  // namespace retort::migrate
