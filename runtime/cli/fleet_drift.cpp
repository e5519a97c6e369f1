#include "cli/fleet_drift.hpp"

#include "cli/head_schema.hpp"
#include "core/errors.hpp"
#include "db/open.hpp"
#include "db/session.hpp"
#include "render/quoting.hpp"
#include "schema/catalog_reader.hpp"
#include "schema/diff.hpp"
#include "schema/filter.hpp"

namespace retort::cli {

context target_context(const context& ctx, const fleet::target& t) {
    context c = ctx;
    c.database_url = t.conninfo;
    if (!t.schema.empty()) {
        c.table.schema = t.schema;
        c.connect.search_path = render::quote_identifier(t.schema) + ", public";
    }
    return c;
}

schema::schema expected_schemas::get(const fleet::target& t, const std::vector<std::string>& rows) {
    std::promise<schema::schema> mine;
    std::shared_future<schema::schema> built;
    bool replay = false;  // the first target asking replays; the others wait for its result
    {
        std::lock_guard<std::mutex> guard(m_lock);
        auto found = m_built.find({t.schema, rows});
        replay = found == m_built.end();
        built = replay ? mine.get_future().share() : found->second;
        if (replay) m_built.emplace(std::make_pair(t.schema, rows), built);
    }
    if (replay) {
        try {
            auto s = replayed_schema(target_context(m_ctx, t), m_scratch, rows, false);
            mine.set_value(t.schema.empty() ? s : schema::only_schema(s, t.schema));
        } catch (...) {
            mine.set_exception(std::current_exception());
        }
    }
    return built.get();
}

void drift_target(const context& ctx, const fleet::target& t, expected_schemas& expected, fleet::record& r) {
    auto c = target_context(ctx, t);
    schema::schema live;
    {
        auto open = db::open({c.database_url, c.table}, inspect_options(c));
        r.before = open.db->read_versions(c.table);
        live = schema::read_schema(*open.db, model_options(c));
    }
    r.after = r.before;
    if (!t.schema.empty()) live = schema::only_schema(live, t.schema);
    for (const auto& id : r.before)
        if (!ctx.revisions->graph.find(id))
            throw error("the target is at revision " + id + ", which this runner does not know");
    auto differences = schema::diff(expected.get(t, r.before), live);
    for (const auto& d : differences) r.differences.push_back(schema::describe(d));
    if (differences.empty()) {
        r.state = fleet::status::ok;
        return;
    }
    r.state = fleet::status::failed;
    r.error_message = "schema drift: " + std::to_string(differences.size()) + " difference" +
                      (differences.size() == 1 ? "" : "s") + ", the first: " + r.differences.front();
}

}  // namespace retort::cli
