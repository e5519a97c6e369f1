#include "core/registry.hpp"

#include <retort/registry.hpp>

namespace retort {

namespace {
std::vector<std::string> split_words(const char* text) {
    std::vector<std::string> out;
    for (const char* p = text; *p;) {
        if (*p == ' ') {
            ++p;
            continue;
        }
        const char* end = p;
        while (*end && *end != ' ') ++end;
        out.emplace_back(p, end);
        p = end;
    }
    return out;
}
}  // namespace

loaded_revisions load_registry() {
    std::vector<graph::revision_info> infos;
    std::vector<const revision_body*> bodies;
    infos.reserve(retort_registry_size);
    bodies.reserve(retort_registry_size);
    for (std::size_t i = 0; i < retort_registry_size; ++i) {
        const registry_entry& e = retort_registry[i];
        infos.push_back({e.id, split_words(e.parents), split_words(e.branch_labels), split_words(e.depends_on),
                         e.message, e.created, e.path});
        bodies.push_back(e.body);
    }
    return {graph::revision_graph(std::move(infos)), std::move(bodies)};
}

}  // namespace retort
