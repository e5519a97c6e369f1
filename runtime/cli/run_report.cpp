#include "cli/run_report.hpp"

#include <iostream>

namespace retort::cli {

run_report::run_report(db::session& s, plan::sink& inner, const output_options& o, std::size_t steps)
    : m_session(s), m_inner(inner), m_out(o), m_total(steps) {
    if (m_out.echo) m_session.observe_statements([this](const std::string& sql, double t) { echo(sql, t); });
}

run_report::~run_report() {
    m_session.observe_statements(nullptr);
    clear_progress();
}

void run_report::clear_progress() {
    if (!m_progress_shown) return;
    std::cerr << "\r\033[K" << std::flush;
    m_progress_shown = false;
}

void run_report::echo(const std::string& sql, double seconds) {
    clear_progress();
    std::cerr << sql << (sql.empty() || sql.back() == ';' ? "" : ";") << " "
              << paint(m_out.color, "2", "-- " + human_duration(seconds)) << "\n";
}

void run_report::prepare(const render::statement& create_version_table) {
    m_inner.prepare(create_version_table);
}

void run_report::run(const plan::step_program& program) {
    clear_progress();
    ++m_done;
    if (!m_out.quiet) std::cerr << paint(m_out.color, "1;32", "Running") << " " << program.title << "\n";
    if (m_out.progress) {
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        std::cerr << paint(m_out.color, "2", "revision " + std::to_string(m_done) + " of " + std::to_string(m_total) +
                                                 ", " + human_duration(elapsed) + " elapsed")
                  << std::flush;
        m_progress_shown = true;
    }
    m_inner.run(program);
}

void run_report::finish() {
    clear_progress();
    m_inner.finish();
}

}  // namespace retort::cli
