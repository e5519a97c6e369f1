// Any text as an upgrade/downgrade TARGET, from several database states of a graph with a branch,
// a merge and labels: the planner returns a plan or throws retort::error, nothing else.
#include "core/errors.hpp"
#include "plan/planner.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace retort;

namespace {
const graph::revision_graph& fixed_graph() {
    static const graph::revision_graph g({
        {"a1b2c3d4e5f6", {}, {}, {}, "base", "", "a.cpp"},
        {"b2c3d4e5f6a1", {"a1b2c3d4e5f6"}, {"core"}, {}, "second", "", "b.cpp"},
        {"c3d4e5f6a1b2", {"b2c3d4e5f6a1"}, {}, {}, "left", "", "c.cpp"},
        {"c3ffffffffff", {"b2c3d4e5f6a1"}, {"right"}, {}, "right", "", "d.cpp"},
        {"e5f6a1b2c3d4", {"c3d4e5f6a1b2", "c3ffffffffff"}, {}, {}, "merge", "", "e.cpp"},
        {"f6a1b2c3d4e5", {"e5f6a1b2c3d4"}, {}, {"a1b2c3d4e5f6"}, "top", "", "f.cpp"},
    });
    return g;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto& g = fixed_graph();
    // The first byte picks the database state; the rest is the target text.
    std::vector<std::vector<graph::index>> states = {{}, {0}, {1}, {2, 3}, {4}, {5}};
    const auto& current = states[data[0] % states.size()];
    std::string target(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        auto up = plan::resolve_upgrade_target(g, current, target);
        auto steps = plan::plan_upgrade(g, current, up);
        for (const auto& s : steps)
            if (s.revision >= g.size() || !s.upgrade) std::abort();
    } catch (const error&) {
    }
    try {
        auto down = plan::resolve_downgrade_target(g, current, target);
        auto steps = plan::plan_downgrade(g, current, down);
        for (const auto& s : steps)
            if (s.revision >= g.size() || s.upgrade) std::abort();
    } catch (const error&) {
    }
    return 0;
}
