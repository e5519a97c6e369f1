#include "cli/fleet.hpp"

#include "cli/fleet_drift.hpp"
#include "cli/terminal.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"
#include "db/session.hpp"
#include "fleet/coordination.hpp"
#include "fleet/fleet_run.hpp"
#include "fleet/known_versions.hpp"
#include "fleet/targets.hpp"
#include "render/quoting.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>

namespace retort::cli {

namespace po = boost::program_options;

void add_fleet_options(po::options_description& desc, fleet_cli_options& o) {
    po::options_description fleet("Fleet (many databases or tenant schemas in one run)");
    fleet.add_options()("targets", po::value(&o.targets_file)->value_name("FILE"),
                        "a connection string or URL a line, or name<TAB>url; # comments")(
        "targets-sql", po::value(&o.targets_sql)->value_name("SQL"),
        "SELECT name, url … run against --control")(
        "control", po::value(&o.control)->value_name("URL"), "the control database (--targets-sql, --coordinate)")(
        "schemas", po::value(&o.schemas)->value_name("A,B,…"),
        "tenant schemas on the database of -d: each has its own version table; search_path 'S, public'")(
        "schemas-sql", po::value(&o.schemas_sql)->value_name("SQL"), "SELECT nspname … on the database of -d")(
        "jobs", po::value(&o.jobs)->default_value(o.jobs), "targets at once (one connection each)")(
        "max-failures", po::value(&o.max_failures)->default_value(0),
        "start no new target after this many failed or unreachable ones (0: no limit)")(
        "canary", po::value(&o.canary)->default_value(0), "run the first K targets alone first; stop if one fails")(
        "report", po::value(&o.report)->value_name("FILE"), "write a JSON report, one record per target")(
        "coordinate", po::bool_switch(&o.coordinate),
        "share the run with other runner processes through a table in --control")(
        "run-id", po::value(&o.run_id), "with --coordinate: the run's name (default: from the command and targets)");
    desc.add(fleet);
}

namespace {

using clock = std::chrono::steady_clock;

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(item);
    return out;
}

std::vector<fleet::target> resolve_targets(const context& ctx, const fleet_cli_options& f) {
    int sources = !f.targets_file.empty() + !f.targets_sql.empty() + !f.schemas.empty() + !f.schemas_sql.empty();
    if (sources > 1) throw usage_error("give one of --targets, --targets-sql, --schemas and --schemas-sql");
    if (f.jobs < 1) throw usage_error("--jobs must be 1 or more");
    if (f.max_failures < 0 || f.canary < 0) throw usage_error("--max-failures and --canary must be 0 or more");
    if ((!f.targets_sql.empty() || f.coordinate) && f.control.empty())
        throw usage_error(std::string(f.coordinate ? "--coordinate" : "--targets-sql") + " needs --control URL");
    if (f.coordinate && f.canary > 0) throw usage_error("--canary and --coordinate cannot be combined");
    std::vector<fleet::target> targets;
    if (!f.targets_file.empty()) targets = fleet::read_targets_file(f.targets_file);
    if (!f.targets_sql.empty()) {
        db::session control(f.control);
        targets = fleet::query_targets(control, f.targets_sql);
    }
    if (!f.schemas.empty()) targets = fleet::schema_targets(ctx.database_url, split_commas(f.schemas));
    if (!f.schemas_sql.empty()) {
        db::session s(ctx.database_url);
        targets = fleet::schema_targets(ctx.database_url, fleet::query_schemas(s, f.schemas_sql));
    }
    if (targets.empty()) throw usage_error("the fleet has no targets");
    fleet::refuse_duplicates(targets);
    return targets;
}

/// A connection that never came up, or went away: the target is unreachable, not failed.
bool connection_lost(const std::string& sqlstate) {
    return sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

fleet::record run_target(const context& ctx, const fleet_command& c, const migrate::options& base,
                         const fleet::known_versions& known, expected_schemas& expected, const fleet::target& t) {
    fleet::record r;
    r.name = t.name;
    r.url = fleet::masked(t.conninfo);
    r.schema = t.schema;
    auto started = clock::now();
    db::target where{t.conninfo, ctx.table};
    migrate::options o = base;
    if (!t.schema.empty()) {
        where.table.schema = t.schema;
        o.search_path = render::quote_identifier(t.schema) + ", public";
    }
    migrate::migrator m(*ctx.revisions, where, o);
    auto fail = [&](const std::string& message, const std::string& sqlstate) {
        r.state = connection_lost(sqlstate) ? fleet::status::unreachable : fleet::status::failed;
        r.error_message = redact(message);
        r.error_sqlstate = sqlstate;
    };
    try {
        if (c.name == "drift") {
            drift_target(ctx, t, expected, r);
            r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started).count();
            return r;
        }
        bool upgrade = c.name != "downgrade";
        // Already at the goal costs one connection and one query (no lock, no pooler probe), or
        // nothing when the rows came with its database's other tenant schemas.
        std::string goal = c.name == "upgrade" || c.name == "downgrade" ? c.goal : "heads";
        auto rows = known.find(t.name);
        auto pending = rows != known.end() ? m.pending_from(rows->second, goal, upgrade)
                                           : m.pending(goal, upgrade, &r.before);
        if (rows != known.end()) r.before = rows->second;
        r.after = r.before;
        if (c.name == "current" || c.name == "check") {
            r.state = pending.empty() ? fleet::status::ok : fleet::status::failed;
            if (!pending.empty()) r.error_message = std::to_string(pending.size()) + " revisions waiting";
        } else if (pending.empty()) {
            r.state = fleet::status::ok;
        } else {
            migrate::observer quiet;
            auto result = upgrade ? m.upgrade(c.goal, quiet) : m.downgrade(c.goal, quiet);
            r.steps = static_cast<int>(result.done.size());
            r.after = result.rows_after ? *result.rows_after : m.applied().rows;
            if (result.error) fail(result.error->message, result.error->sqlstate);
            else r.state = fleet::status::ok;
        }
    } catch (const connection_error& e) {
        fail(e.what(), "08006");
    } catch (const database_error& e) {
        fail(e.what(), e.sqlstate());
    } catch (const std::exception& e) {
        fail(e.what(), "");
    }
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started).count();
    return r;
}

nlohmann::json record_json(const fleet::record& r) {
    nlohmann::json j = {{"name", r.name},       {"url", r.url},     {"status", fleet::status_name(r.state)},
                        {"before", r.before},   {"after", r.after}, {"steps", r.steps},
                        {"duration_ms", r.duration_ms}};
    if (!r.schema.empty()) j["schema"] = r.schema;
    if (!r.differences.empty()) j["differences"] = r.differences;
    j["error"] = r.error_message.empty() && r.error_sqlstate.empty()
                     ? nlohmann::json(nullptr)
                     : nlohmann::json{{"message", r.error_message}, {"sqlstate", r.error_sqlstate}};
    return j;
}

struct tally {
    std::map<std::string, std::size_t> by_status;
    std::map<std::string, std::size_t> by_revision;  ///< where the targets that answered are now
};

tally count(const std::vector<fleet::record>& records) {
    tally t;
    for (const auto& r : records) {
        ++t.by_status[fleet::status_name(r.state)];
        if (r.state == fleet::status::ok || r.state == fleet::status::failed) {
            std::string at;
            for (const auto& a : r.after) at += (at.empty() ? "" : ", ") + a;
            ++t.by_revision[at.empty() ? "<base>" : at];
        }
    }
    return t;
}

void write_report(const std::string& path, const fleet_command& c, const std::vector<fleet::record>& records,
                  const tally& t, double seconds) {
    nlohmann::json doc = {{"format", 1},      {"command", c.name},       {"goal", c.goal},
                          {"targets", records.size()}, {"duration_ms", static_cast<long long>(seconds * 1000)}};
    nlohmann::json summary;
    for (const char* s : {"ok", "failed", "unreachable", "not_attempted"})
        summary[s] = t.by_status.count(s) ? t.by_status.at(s) : 0;
    doc["summary"] = summary;
    doc["records"] = nlohmann::json::array();
    for (const auto& r : records) doc["records"].push_back(record_json(r));
    std::ofstream out(path);
    out << doc.dump(2) << "\n";
    if (!out) throw error("cannot write the report " + path);
}

void print_summary(const fleet_command& c, const std::vector<fleet::record>& records, const tally& t, double seconds) {
    std::cout << c.name << " " << c.goal << " on " << records.size() << " targets in " << human_duration(seconds)
              << "\n";
    for (const char* s : {"ok", "failed", "unreachable", "not_attempted"})
        std::cout << "  " << s << std::string(15 - std::string(s).size(), ' ')
                  << (t.by_status.count(s) ? t.by_status.at(s) : 0) << "\n";
    std::cout << "at revision:\n";
    for (const auto& [revision, n] : t.by_revision) std::cout << "  " << revision << "  " << n << "\n";
    for (const auto& r : records)
        if (r.state == fleet::status::failed || r.state == fleet::status::unreachable)
            std::cout << fleet::status_name(r.state) << ": " << r.name << ": " << r.error_message << "\n";
}

}  // namespace

int run_fleet_command(const context& ctx, const fleet_command& c, const fleet_cli_options& f,
                      const migrate::options& o) {
    auto targets = resolve_targets(ctx, f);
    fleet::options fo{f.jobs, f.max_failures, f.canary};
    db::open_options read;
    read.role = o.role;
    auto known = c.name == "drift" ? fleet::known_versions{} : fleet::read_schema_versions(targets, ctx.table.name, read);
    expected_schemas expected(ctx, c.scratch_url);
    auto job = [&](const fleet::target& t) { return run_target(ctx, c, o, known, expected, t); };
    auto started = clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - started).count(); };
    std::mutex print;
    auto progress = [&](const fleet::record&, const fleet::progress& p) {
        if (!ctx.output.progress) return;
        std::lock_guard<std::mutex> guard(print);
        double rate = p.done / std::max(elapsed(), 0.001);
        std::cerr << "\r\033[K" << p.done - p.failed << " done, " << p.failed << " failed, " << p.total - p.done
                  << " remaining (" << static_cast<int>(rate) << "/s)" << std::flush;
    };
    std::vector<fleet::record> records;
    if (f.coordinate) {
        std::string id = f.run_id.empty() ? fleet::run_id(c.name, c.goal, targets) : f.run_id;
        fleet::coordinator coord(f.control, id, targets);
        if (!ctx.output.quiet) std::cerr << "Coordinated run '" << id << "' in " << fleet::masked(f.control) << "\n";
        auto ran = fleet::run_fleet_from(
            targets, fo, [&] { return coord.claim(); },
            [&](const fleet::target& t) {
                auto r = job(t);
                for (std::size_t i = 0; i < targets.size(); ++i)
                    if (targets[i].name == t.name) coord.finish(i, r);
                return r;
            },
            progress);
        records = coord.records();  // the whole run, including what other processes did
    } else {
        records = fleet::run_fleet(targets, fo, job, progress);
    }
    if (ctx.output.progress) std::cerr << "\r\033[K";
    auto t = count(records);
    if (!f.report.empty()) write_report(f.report, c, records, t, elapsed());
    print_summary(c, records, t, elapsed());
    bool all_ok = t.by_status.count("ok") && t.by_status.at("ok") == records.size();
    return all_ok ? exit_ok : exit_fleet;
}

}  // namespace retort::cli
