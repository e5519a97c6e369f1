#include "revision_set.hpp"

namespace retort::gen {

revision_set load_revision_set(const std::string& dir) {
    auto headers = scan_directory(dir);
    std::vector<graph::revision_info> infos;
    infos.reserve(headers.size());
    for (const auto& h : headers)
        infos.push_back({h.id, h.parents, h.branch_labels, h.depends_on, h.message, h.created, h.path});
    graph::revision_graph g(std::move(infos));
    return {std::move(headers), std::move(g)};
}

}  // namespace retort::gen
