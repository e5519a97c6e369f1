#include "migrate/watched_sink.hpp"

namespace retort::migrate {

watched_sink::watched_sink(plan::sink& inner, observer& o, run_result& result, std::string direction)
    : m_inner(inner), m_observer(o), m_result(result), m_direction(std::move(direction)) {}

void watched_sink::run(const plan::step_program& program) {
    planned_step step{program.revision,
                      m_direction.empty() ? (program.upgrade ? "upgrade" : "downgrade") : m_direction, program.title};
    m_running = program.revision;
    m_observer.step_started(step, ++m_number, m_result.plan.size());
    auto start = std::chrono::steady_clock::now();
    m_inner.run(program);
    m_result.done.push_back({step.revision, step.direction, std::chrono::steady_clock::now() - start});
    m_running.clear();
    m_observer.step_finished(m_result.done.back());
}

}  // namespace retort::migrate
