#include "cli/head_schema.hpp"

#include "core/errors.hpp"
#include "db/open.hpp"
#include "db/session.hpp"
#include "migrate/scratch.hpp"
#include "plan/migrate.hpp"

#include <iostream>

namespace retort::cli {

using graph::index;

db::open_options inspect_options(const context& ctx) {
    db::open_options how;
    how.role = ctx.connect.role;
    how.search_path = ctx.connect.search_path;
    return how;
}

schema::read_options model_options(const context& ctx) {
    return {{{ctx.table.schema, ctx.table.name}, {ctx.table.schema, "retort_history"}}};
}

schema::schema replayed_schema(const context& ctx, const std::string& scratch_url,
                               const std::vector<std::string>& revisions, bool all_heads) {
    const auto& g = ctx.revisions->graph;
    std::vector<index> targets;
    if (all_heads) targets = g.heads();
    for (const auto& id : revisions) {
        auto i = g.find(id);
        if (!i) throw error("revision " + id + " is not compiled into this runner", exit_unknown_applied);
        targets.push_back(*i);
    }
    auto wanted = g.ancestors(targets);
    std::vector<plan::step> steps;
    for (index i : g.topological_order())
        if (wanted[i]) steps.push_back({i, true});
    std::vector<std::string> warnings;
    schema::schema built;
    {
        migrate::scratch_database scratch(scratch_url, {ctx.database_url, ctx.table}, inspect_options(ctx), "retort_scratch_",
                                          warnings);
        auto c = scratch.open(ctx.table, inspect_options(ctx));
        db::database_sink sink(*c.db);
        plan::migrate(graph::revision_map(g), ctx.revisions->bodies, {}, steps, ctx.table, sink);
        built = schema::read_schema(*c.db, model_options(ctx));
    }
    for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
    return built;
}

drift_report find_drift(const context& ctx, const std::string& scratch_url) {
    drift_report report;
    schema::schema live;
    {
        auto c = db::open({ctx.database_url, ctx.table}, inspect_options(ctx));
        report.revisions = c.db->read_versions(ctx.table);
        live = schema::read_schema(*c.db, model_options(ctx));
    }
    for (const auto& id : report.revisions)
        if (!ctx.revisions->graph.find(id))
            throw error("the database is at revision " + id +
                            ", which this runner does not know; drift needs the revisions it is at",
                        exit_unknown_applied);
    auto expected = replayed_schema(ctx, scratch_url, report.revisions, false);
    report.differences = schema::diff(expected, live);
    return report;
}

}  // namespace retort::cli
