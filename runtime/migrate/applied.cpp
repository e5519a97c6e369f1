#include "migrate/applied.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "db/history.hpp"
#include "db/session.hpp"

#include <algorithm>

namespace retort::migrate {

using graph::index;

std::string compiled_checksum(const loaded_revisions& revisions, const std::string& id) {
    auto i = revisions.graph.find(id);
    if (!i) throw error("revision " + id + " is not compiled into this runner");
    return revision_checksum(id, *revisions.bodies.at(*i));
}

applied_state read_applied(const loaded_revisions& revisions, db::session& s, const render::version_table& table,
                           db::history& h) {
    const auto& g = revisions.graph;
    applied_state state;
    state.rows = s.read_versions(table);
    std::vector<index> known;
    for (const auto& row : state.rows) {
        if (auto i = g.find(row)) known.push_back(*i);
        else state.unknown.push_back(row);
    }
    for (const auto& [id, checksum] : h.applied_by_history())
        if (!g.find(id) && std::find(state.unknown.begin(), state.unknown.end(), id) == state.unknown.end())
            state.unknown.push_back(id);
    auto applied = g.ancestors(known);
    for (const auto& [id, checksum] : h.recorded_checksums()) {
        auto i = g.find(id);
        if (i && applied[*i] && compiled_checksum(revisions, id) != checksum) state.modified.push_back(id);
    }
    return state;
}

void refuse_modified(const loaded_revisions& revisions, const applied_state& state) {
    if (state.modified.empty()) return;
    const auto& g = revisions.graph;
    std::string names;
    for (const auto& id : state.modified) names += (names.empty() ? "" : ", ") + id + " (" + g[*g.find(id)].path + ")";
    throw error("applied revision" + std::string(state.modified.size() > 1 ? "s " : " ") + names +
                " changed since " + (state.modified.size() > 1 ? "they were" : "it was") +
                " applied; review the change, then run 'runner repair' to accept it, or pass --allow-modified");
}

}  // namespace retort::migrate
