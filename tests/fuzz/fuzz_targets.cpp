// Any text as an upgrade/downgrade TARGET, from several database states of a graph with a branch,
// a merge, labels and a dependency: the planner returns a plan or throws retort::error, nothing else.
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
    static const graph::revision_map m(fixed_graph());
    // The first byte picks the database state (version-table rows); the rest is the target text.
    static const std::vector<std::vector<std::string>> states = {
        {}, {"a1b2c3d4e5f6"}, {"b2c3d4e5f6a1"}, {"c3d4e5f6a1b2", "c3ffffffffff"}, {"e5f6a1b2c3d4"}, {"f6a1b2c3d4e5"}};
    const auto& current = states[data[0] % states.size()];
    std::string target(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        for (const auto& s : plan::plan_upgrade(m, current, target))
            if (s.revision >= m.size() || !s.upgrade) std::abort();
    } catch (const error&) {
    }
    try {
        for (const auto& s : plan::plan_downgrade(m, current, target))
            if (s.revision >= m.size() || s.upgrade) std::abort();
    } catch (const error&) {
    }
    return 0;
}
