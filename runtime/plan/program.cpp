#include "plan/program.hpp"

namespace retort::plan {

std::vector<block> group_statements(std::vector<render::statement> statements,
                                    std::vector<render::statement> bookkeeping) {
    std::vector<block> out;
    for (auto& s : statements) {
        if (s.autocommit) {
            out.push_back({false, {std::move(s)}});
            continue;
        }
        if (out.empty() || !out.back().transactional || (s.own_transaction && !out.back().statements.empty()))
            out.push_back({true, {}});
        out.back().statements.push_back(std::move(s));
    }
    if (out.empty() || !out.back().transactional) out.push_back({true, {}});
    for (auto& s : bookkeeping) out.back().statements.push_back(std::move(s));
    return out;
}

}  // namespace retort::plan
