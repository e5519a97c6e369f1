// `--sql`: step programs printed as a script psql can run, one transaction per revision.
#pragma once

#include "plan/program.hpp"

#include <ostream>
#include <sstream>

namespace retort::plan {

class sql_sink final : public sink {
public:
    explicit sql_sink(std::ostream& out) : m_out(out) {}
    void prepare(const render::statement& create_version_table) override;
    void run(const step_program& program) override;
    void finish() override;

private:
    void print(const render::statement& s);
    std::ostream& m_out;
    std::ostringstream m_buffer;
};

}  // namespace retort::plan
