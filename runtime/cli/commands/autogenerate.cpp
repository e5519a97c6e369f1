// autogenerate: a new revision whose upgrade() and downgrade() take the head schema (the compiled
// revisions replayed on a scratch database) to a target schema and back: a developer's database
// changed by hand (--dev-url), or a desired-state SQL file (--desired). Written like mkrev's.
#include "autogen/revision_plan.hpp"
#include "cli/commands.hpp"
#include "cli/head_schema.hpp"
#include "cli/options.hpp"
#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "db/session.hpp"
#include "migrate/scratch.hpp"
#include "new_revision.hpp"
#include "schema/catalog_reader.hpp"
#include "schema/diff.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>

namespace retort::cli {

namespace po = boost::program_options;

namespace {

std::set<std::string> head_ids(const graph::revision_graph& g) {
    std::set<std::string> out;
    for (auto i : g.heads()) out.insert(g[i].id);
    return out;
}

std::string listed(const std::set<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "<base>" : out;
}

/// The migrations folder must hold what this runner was built from, or the new revision's
/// parent and the head schema would disagree.
void require_built_heads(const context& ctx, const gen::revision_set& folder, const std::string& dir) {
    auto built = head_ids(ctx.revisions->graph), written = head_ids(folder.graph);
    if (built != written)
        throw usage_error("the migrations folder " + dir + " has heads " + listed(written) +
                          " but this runner was built with heads " + listed(built) +
                          ": rebuild the runner first (cmake --build)");
}

/// The dev database must be at head: its changes by hand are then exactly the difference.
void require_at_head(const context& ctx, db::session& dev) {
    auto rows = dev.read_versions(ctx.table);
    std::set<std::string> at(rows.begin(), rows.end()), heads = head_ids(ctx.revisions->graph);
    if (at != heads)
        throw error("the dev database is at " + listed(at) + ", not at head (" + listed(heads) +
                        "): run 'runner -d URL upgrade heads' on it first, then change it",
                    exit_not_at_head);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error("cannot read the desired schema file " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int cmd_autogenerate(context& ctx, const std::vector<std::string>& args) {
    std::string message, dev_url, desired, scratch_url, dir;
    gen::revision_request request;
    po::options_description desc;
    desc.add_options()("dev-url", po::value(&dev_url), "a development database at head, changed by hand: the target")(
        "desired", po::value(&desired), "a desired-state SQL file, applied to a scratch database: the target")(
        "scratch-url", po::value(&scratch_url),
        "the server for scratch databases (default: the server of --dev-url, else of -d)")(
        "dir", po::value(&dir), "migrations folder (default: retort.ini's migrations)")(
        "rev-id", po::value(&request.rev_id), "use this revision ID instead of a fresh one")(
        "head", po::value(&request.heads), "parent: REV, LABEL@head, heads or base (default: head)")(
        "merge", po::bool_switch(&request.merge), "the current heads as parents (a merge revision)")(
        "message", po::value(&message), "what the revision does");
    if (!parse_command("autogenerate",
                       "runner autogenerate \"message\" (--dev-url URL | --desired schema.sql)\n\n"
                       "Writes a new revision (as mkrev does: fresh ID, current head as parent) whose upgrade()\n"
                       "takes the head schema to the target and whose downgrade() takes it back, and prints its\n"
                       "path. The head schema is the compiled revisions replayed on a scratch database. Only the\n"
                       "catalogs are read, never a table's rows. Review the revision before you commit it.\n"
                       "Refuses with exit 4 when the dev database is not at head, and with exit 2 when the\n"
                       "migrations folder's heads differ from this runner's (rebuild first).\n"
                       "Example: runner autogenerate \"add users.nick\" --dev-url postgresql://me@localhost/app_dev",
                       desc, {"message"}, args))
        return exit_ok;
    if (message.empty()) throw usage_error("autogenerate needs a message, e.g. runner autogenerate \"add users.nick\" --dev-url URL");
    if (dev_url.empty() == desired.empty()) throw usage_error("autogenerate needs exactly one of --dev-url URL and --desired FILE");
    if (dir.empty()) dir = ctx.settings.migrations.text;
    auto folder = gen::load_revision_set(dir);
    require_built_heads(ctx, folder, dir);

    context server = ctx;  // scratch databases go next to the dev database unless --scratch-url says
    if (!dev_url.empty()) server.database_url = dev_url;
    schema::schema target;
    if (!dev_url.empty()) {
        auto dev = db::open({server.database_url, ctx.table}, inspect_options(ctx));
        require_at_head(ctx, *dev.db);
        target = schema::read_schema(*dev.db, model_options(ctx));
    } else {
        std::string sql = read_text(desired);
        std::vector<std::string> warnings;
        {
            migrate::scratch_database scratch(scratch_url, {server.database_url, ctx.table}, inspect_options(ctx),
                                              "retort_desired_", warnings);
            auto s = scratch.open(ctx.table, inspect_options(ctx));
            try {
                s.db->execute(sql);
            } catch (const error& e) {
                throw error("the desired schema " + desired + " does not apply: " + e.what());
            }
            target = schema::read_schema(*s.db, model_options(ctx));
        }
        for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
    }
    auto head = replayed_schema(server, scratch_url, {}, true);

    auto revision = autogen::generate(head, target);
    request.message = message;
    request.upgrade_body = autogen::body_source(revision.upgrade);
    request.downgrade_body = autogen::body_source(revision.downgrade);
    auto path = gen::write_new_revision(dir, folder, request);
    auto differences = schema::diff(head, target);
    if (differences.empty()) std::cerr << "no changes: the target schema is the head schema\n";
    if (!ctx.output.quiet)
        for (const auto& d : differences) std::cerr << "  " << schema::describe(d) << "\n";
    std::cout << path.string() << "\n";
    return exit_ok;
}

}  // namespace retort::cli
