#include "plan/sql_sink.hpp"

namespace retort::plan {

void sql_sink::print(const render::statement& s) { m_out << s.sql << ";\n\n"; }

void sql_sink::prepare(const render::statement& create_version_table) { print(create_version_table); }

void sql_sink::run(const step_program& program) {
    m_out << "-- Running " << program.title << "\n\n";
    for (const auto& b : program.blocks) {
        if (b.transactional) m_out << "BEGIN;\n\n";
        for (const auto& s : b.statements) print(s);
        if (b.transactional) m_out << "COMMIT;\n\n";
    }
}

}  // namespace retort::plan
