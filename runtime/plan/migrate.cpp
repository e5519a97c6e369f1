#include "plan/migrate.hpp"

#include "core/errors.hpp"

#include <retort/check.hpp>
#include <retort/operations.hpp>

#include <exception>
#include <variant>

namespace retort::plan {

namespace {
std::string down_ids(const graph::revision_graph& g, index i) {
    std::string out;
    for (index p : g.parents(i)) out += (out.empty() ? "" : ", ") + g[p].id;
    return out;
}
}  // namespace

std::string step_title(const graph::revision_graph& g, const step& s) {
    const auto& rev = g[s.revision];
    if (s.upgrade) return "upgrade " + down_ids(g, s.revision) + " -> " + rev.id + ", " + rev.message;
    return "downgrade " + rev.id + " -> " + down_ids(g, s.revision) + ", " + rev.message;
}

std::optional<std::string> irreversible_reason(const revision_body& body) {
    std::vector<op::operation> recorded;
    try {
        recorded = record(body.downgrade);
    } catch (const std::exception&) {
        return std::nullopt;  // build_program reports the throw when the step runs
    }
    for (const auto& o : recorded)
        if (const auto* x = std::get_if<op::irreversible>(&o)) return x->reason;
    return std::nullopt;
}

void refuse_irreversible(const graph::revision_graph& g, const std::vector<const revision_body*>& bodies,
                         const std::vector<step>& steps) {
    for (const auto& s : steps) {
        if (s.upgrade) continue;
        if (auto reason = irreversible_reason(*bodies.at(s.revision)))
            throw error("cannot downgrade: revision " + g[s.revision].id + " (" + g[s.revision].path +
                        ") is irreversible: " + *reason + "; nothing was changed");
    }
}

recording record_step(const graph::revision_graph& g, const revision_body& body, const step& s) {
    const auto& rev = g[s.revision];
    try {
        return record_with_origins(s.upgrade ? body.upgrade : body.downgrade);
    } catch (const std::exception& e) {
        throw error("revision " + rev.id + " (" + rev.path + "): " + (s.upgrade ? "upgrade()" : "downgrade()") +
                    " threw before any SQL ran: " + e.what());
    }
}

step_program build_program(const graph::revision_graph& g, const revision_body& body, const step& s,
                           const version_change& change, const render::version_table& table) {
    const auto& rev = g[s.revision];
    recording recorded = record_step(g, body, s);
    // The build ran the same check (runner check-revisions); this guards a runner built without it.
    auto problems = check_recording(recorded, s.upgrade ? recorded_by::upgrade : recorded_by::downgrade);
    if (!problems.empty()) throw error("revision " + rev.id + ": " + describe(problems.front()));
    std::vector<render::statement> statements;
    try {
        statements = render::render(recorded.operations);
    } catch (const std::exception& e) {
        throw error("revision " + rev.id + " (" + rev.path + "): cannot render " + (s.upgrade ? "upgrade()" : "downgrade()") + ": " + e.what());
    }
    step_program program;
    program.revision = rev.id;
    program.title = step_title(g, s);
    program.upgrade = s.upgrade;
    program.blocks = group_statements(std::move(statements),
                                      render::version_changes(table, change.deletes, change.updates, change.inserts));
    return program;
}

std::vector<index> migrate(const revision_map& m, const std::vector<const revision_body*>& bodies,
                           const std::vector<index>& current, const std::vector<step>& steps,
                           const render::version_table& table, sink& out) {
    const auto& g = m.graph();
    // Before the sink sees anything, so a refused plan neither runs nor prints a statement.
    refuse_irreversible(g, bodies, steps);
    head_tracker tracker(m, current);
    out.prepare(render::create_version_table(table));
    for (const auto& s : steps) {
        version_change change = tracker.apply(s);
        out.run(build_program(g, *bodies.at(s.revision), s, change, table));
    }
    out.finish();
    return tracker.heads();
}

}  // namespace retort::plan
