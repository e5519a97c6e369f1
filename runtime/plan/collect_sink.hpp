// A sink that keeps the step programs instead of running them: what `runner plan` and the lock
// policy read before anything runs.
#pragma once

#include "plan/program.hpp"

#include <vector>

namespace retort::plan {

class collect_sink final : public sink {
public:
    void prepare(const render::statement&) override {}
    void run(const step_program& program) override { m_programs.push_back(program); }
    const std::vector<step_program>& programs() const { return m_programs; }

private:
    std::vector<step_program> m_programs;
};

}  // namespace retort::plan
