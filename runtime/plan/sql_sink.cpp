#include "plan/sql_sink.hpp"

#include "core/errors.hpp"
#include "render/quoting.hpp"

namespace retort::plan {

void sql_sink::print(const render::statement& s) { m_buffer << render::offline_text(s) << ";\n\n"; }

void sql_sink::prepare(const render::statement& create_version_table) { print(create_version_table); }

void sql_sink::run(const step_program& program) {
    for (const auto& b : program.blocks)
        for (const auto& s : b.statements)
            if (s.code)
                throw error("revision " + program.revision +
                            " runs C++ code against the database (op.run_code), which --sql cannot print; "
                            "run it online, or print a range that leaves it out");
            else if (s.backfill && m_refuse_backfill)
                throw error("revision " + program.revision + " has op.backfill on " + s.backfill->table +
                            ", which runs in batches against the live database and cannot be printed by --sql; "
                            "run it online, or print a range that leaves it out");
    m_buffer << "-- Running " << program.title << "\n\n";
    for (const auto& b : program.blocks) {
        if (b.transactional) m_buffer << "BEGIN;\n\n";
        for (const auto& s : b.statements) print(s);
        if (b.transactional) m_buffer << "COMMIT;\n\n";
    }
}

// Printed only when every step rendered, so a refused revision never leaves half a script.
// The script sets what quote_literal relies on first: psql may connect to a database whose
// standard_conforming_strings is off.
void sql_sink::finish() { m_out << "SET " << render::literal_setting << ";\n\n" << m_buffer.str(); }

}  // namespace retort::plan
