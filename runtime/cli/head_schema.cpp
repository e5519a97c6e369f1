#include "cli/head_schema.hpp"

#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "db/connect.hpp"
#include "db/role.hpp"
#include "db/session.hpp"
#include "plan/migrate.hpp"
#include "render/quoting.hpp"

#include <iostream>
#include <unistd.h>

namespace retort::cli {

using graph::index;

// The connections of these commands, all opened here: the scratch server's, the scratch
// database's, and the inspected database's.

scratch_database::scratch_database(const context& ctx, const std::string& server_url, const std::string& prefix)
    : m_name(prefix + std::to_string(getpid())) {
    const std::string& url = server_url.empty() ? ctx.database_url : server_url;
    m_admin = std::make_unique<db::session>(url);
    auto role = db::current_role(*m_admin);
    if (!role.may_create_databases)
        throw error("cannot create a scratch database: role " + role.name + " may not create databases on the " +
                    (server_url.empty() ? "server of -d" : "server of --scratch-url") +
                    "; pass --scratch-url URL, a server where it may (never the production database itself)");
    m_admin->execute("DROP DATABASE IF EXISTS " + m_name);
    m_admin->execute("CREATE DATABASE " + m_name);
    m_conninfo = db::with_database(url, m_name);
}

scratch_database::~scratch_database() {
    try {
        m_admin->execute("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        std::cerr << "warning: could not drop the scratch database " << m_name << "\n";
    }
}

std::unique_ptr<db::session> scratch_session(const context& ctx, const scratch_database& scratch) {
    auto s = std::make_unique<db::session>(scratch.conninfo());
    db::prepare_connection(*s, ctx.connect);
    if (!ctx.table.schema.empty())
        s->execute("CREATE SCHEMA IF NOT EXISTS " + render::quote_identifier(ctx.table.schema));
    return s;
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
    scratch_database scratch(ctx, scratch_url, "retort_scratch_");
    auto s = scratch_session(ctx, scratch);
    db::database_sink sink(*s, false);
    plan::migrate(graph::revision_map(g), ctx.revisions->bodies, {}, steps, ctx.table, sink);
    return schema::read_schema(*s, model_options(ctx));
}

drift_report find_drift(const context& ctx, const std::string& scratch_url) {
    drift_report report;
    schema::schema live;
    {
        auto s = open_checked_session(ctx);
        report.revisions = s->read_versions(ctx.table);
        live = schema::read_schema(*s, model_options(ctx));
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
