#include "cli/run_report.hpp"

#include <iostream>

namespace retort::cli {

run_report::~run_report() { clear_progress(); }

void run_report::clear_progress() {
    if (!m_progress_shown) return;
    std::cerr << "\r\033[K" << std::flush;
    m_progress_shown = false;
}

void run_report::lock_wait(const std::string& line) {
    clear_progress();
    std::cerr << line << std::endl;
}

void run_report::notice(const std::string& line) {
    clear_progress();
    std::cerr << line << std::endl;
}

void run_report::statement(const std::string& sql, double seconds) {
    clear_progress();
    std::cerr << sql << (sql.empty() || sql.back() == ';' ? "" : ";") << " "
              << paint(m_out.color, "2", "-- " + human_duration(seconds)) << "\n";
}

void run_report::step_started(const migrate::planned_step& step, std::size_t number, std::size_t total) {
    clear_progress();
    if (!m_out.quiet) std::cerr << paint(m_out.color, "1;32", "Running") << " " << step.title << "\n";
    if (m_out.progress) {
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        std::cerr << paint(m_out.color, "2", "revision " + std::to_string(number) + " of " + std::to_string(total) +
                                                 ", " + human_duration(elapsed) + " elapsed")
                  << std::flush;
        m_progress_shown = true;
    }
}

}  // namespace retort::cli
