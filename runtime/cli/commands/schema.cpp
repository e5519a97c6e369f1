// Commands over the schema model: schema (the head schema as canonical SQL, or a check that a
// file is current) and drift (the live database against what its revisions say it should be).
#include "cli/commands.hpp"
#include "cli/fleet.hpp"
#include "cli/head_schema.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "schema/line_diff.hpp"
#include "schema/sql_printer.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace retort::cli {

namespace po = boost::program_options;

namespace {

const char* scratch_help = "server for the scratch database the revisions are replayed on (created and dropped "
                           "there; default: the server of -d, when the role may create databases)";

const char* change_name(schema::change c) {
    return c == schema::change::added ? "added" : c == schema::change::removed ? "removed" : "changed";
}

nlohmann::ordered_json drift_json(const drift_report& report) {
    nlohmann::ordered_json doc = {{"format", 1},
                          {"revisions", report.revisions},
                          {"drift", !report.differences.empty()},
                          {"differences", nlohmann::ordered_json::array()}};
    for (const auto& d : report.differences)
        doc["differences"].push_back({{"change", change_name(d.kind)},
                                      {"kind", d.object_kind},
                                      {"name", d.name},
                                      {"details", d.details},
                                      {"line", schema::describe(d)}});
    return doc;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int cmd_schema(context& ctx, const std::vector<std::string>& args) {
    std::string scratch_url, check_file;
    po::options_description desc;
    desc.add_options()("scratch-url", po::value(&scratch_url), scratch_help)(
        "check", po::value(&check_file), "compare FILE with the head schema: exit 0 when current, 7 with a diff when not");
    if (!parse_command("schema",
                       "runner schema [--check FILE] [--scratch-url URL]\n\n"
                       "Prints the schema the compiled revisions build at head, as canonical SQL: one object per\n"
                       "statement, sorted, the same bytes whatever order the revisions created it in. The revisions\n"
                       "are replayed on a scratch database; no other database is read or changed. Keep the output\n"
                       "as schema.sql next to migrations/ and let CI run --check.\n"
                       "Example: runner -d postgresql://app@localhost/app schema > schema.sql\n"
                       "         runner schema --check schema.sql --scratch-url postgresql://ci@localhost/postgres",
                       desc, {}, args))
        return exit_ok;
    // Read the file first: a wrong path fails before the replay.
    std::string current = check_file.empty() ? "" : read_file(check_file);
    std::string sql = schema::canonical_sql(replayed_schema(ctx, scratch_url, {}, true));
    if (check_file.empty()) {
        std::cout << sql;
        return exit_ok;
    }
    auto lines = schema::line_diff(current, sql);
    if (lines.empty()) {
        if (!ctx.output.quiet) std::cerr << "ok: " << check_file << " is the schema at head\n";
        return exit_ok;
    }
    std::cout << "--- " << check_file << "\n+++ runner schema\n";
    for (const auto& l : lines) std::cout << l << "\n";
    std::cerr << check_file << " is not the schema at head; update it with: " << ctx.program_name << " schema > "
              << check_file << "\n";
    return exit_drift;
}

int cmd_drift(context& ctx, const std::vector<std::string>& args) {
    std::string scratch_url;
    bool json = false;
    po::options_description desc;
    desc.add_options()("scratch-url", po::value(&scratch_url), scratch_help)(
        "json", po::bool_switch(&json), "print JSON: the revisions and each difference");
    fleet_cli_options fleet;
    add_fleet_options(desc, fleet);
    if (!parse_command("drift",
                       "runner drift [--json] [--scratch-url URL]\n\n"
                       "Compares the database's schema with the schema its version table says it should have (its\n"
                       "revisions replayed on a scratch database) and prints each difference in one line:\n"
                       "  + index public.ix_users_email_lower           only the database has it\n"
                       "  - column public.users.age integer             only the revisions have it\n"
                       "  ~ column public.users.email: varchar(255) → text\n"
                       "Reads only the database's catalog (pg_catalog), never its rows; changes nothing.\n"
                       "Exit 0 when they match, 7 when they differ. Over a fleet (--targets, --schemas ...): each\n"
                       "target against what its own revisions build, one replay a distinct set of revisions; exit 9\n"
                       "when a target drifted or could not be compared, its differences in --report.\n"
                       "Example: runner -d postgresql://app@prod-db/app drift --scratch-url postgresql://ci@localhost/postgres",
                       desc, {}, args))
        return exit_ok;
    if (fleet.requested()) {
        if (json) throw usage_error("--json shows one database; over a fleet use --report FILE");
        return run_fleet_command(ctx, {"drift", "heads", scratch_url}, fleet, {});
    }
    auto report = find_drift(ctx, scratch_url);
    if (json) {
        std::cout << drift_json(report).dump() << "\n";  // ordered: "format" first
    } else {
        for (const auto& d : report.differences) std::cout << schema::describe(d) << "\n";
        if (report.differences.empty() && !ctx.output.quiet)
            std::cerr << "no drift: the database's schema is what its revisions build\n";
    }
    return report.differences.empty() ? exit_ok : exit_drift;
}

}  // namespace retort::cli
