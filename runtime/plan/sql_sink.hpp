// `--sql`: step programs printed as a script psql can run, one transaction per revision.
#pragma once

#include "plan/program.hpp"

#include <ostream>

namespace retort::plan {

class sql_sink final : public sink {
public:
    explicit sql_sink(std::ostream& out) : m_out(out) {}
    void prepare(const render::statement& create_version_table) override;
    void run(const step_program& program) override;

private:
    void print(const render::statement& s);
    std::ostream& m_out;
};

}  // namespace retort::plan
