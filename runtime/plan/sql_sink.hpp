// `--sql`: step programs printed as a script psql can run, one transaction per revision.
#pragma once

#include "plan/program.hpp"

#include <ostream>
#include <sstream>

namespace retort::plan {

class sql_sink final : public sink {
public:
    /// `refuse_backfill`: --sql cannot print op.backfill (it needs the live database); --dry-run
    /// prints its description.
    explicit sql_sink(std::ostream& out, bool refuse_backfill = true) : m_out(out), m_refuse_backfill(refuse_backfill) {}
    void prepare(const render::statement& create_version_table) override;
    void run(const step_program& program) override;
    void finish() override;

private:
    void print(const render::statement& s);
    std::ostream& m_out;
    bool m_refuse_backfill;
    std::ostringstream m_buffer;
};

}  // namespace retort::plan
