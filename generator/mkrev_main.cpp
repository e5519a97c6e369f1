// mkrev: scaffolds a new revision file whose parent is the current head. Reads the revision
// sources, not the runner, so it works before anything is built.
#include "init.hpp"
#include "revision_set.hpp"
#include "template.hpp"

#include "config/settings.hpp"
#include "core/errors.hpp"

#include <boost/program_options.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using rev_index = retort::graph::index;

namespace {

struct request {
    std::string message, rev_id;
    std::vector<std::string> heads, labels, depends_on;
    bool merge = false, splice = false;
};

std::string ids(const retort::graph::revision_graph& g, const std::vector<rev_index>& revs) {
    std::string out;
    for (rev_index i : revs) out += (out.empty() ? "" : ", ") + g[i].id;
    return out;
}

std::string now_text() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

/// The revision a --head value names: an ID or prefix, or LABEL@head (the head of that branch).
rev_index resolve_head(const retort::graph::revision_graph& g, const std::string& text) {
    auto at = text.find('@');
    if (at == std::string::npos) return g.resolve_id(text);
    std::string label = text.substr(0, at), where = text.substr(at + 1);
    auto labelled = g.find_label(label);
    if (!labelled) throw retort::resolution_error("no branch is labelled '" + label + "'");
    if (where != "head") throw retort::usage_error("--head takes REV, LABEL@head or base, not " + text);
    auto above = g.descendants({*labelled});
    std::vector<rev_index> heads;
    for (rev_index h : g.heads())
        if (above[h]) heads.push_back(h);
    if (heads.size() != 1)
        throw retort::resolution_error("branch '" + label + "' has several heads (" + ids(g, heads) + ")");
    return heads.front();
}

std::vector<std::string> choose_parents(const retort::graph::revision_graph& g, const request& r) {
    auto heads = g.heads();
    if (r.merge) {
        if (heads.size() < 2) throw retort::usage_error("--merge needs at least two heads; there is " +
                                                        std::to_string(heads.size()));
        std::vector<std::string> out;
        for (rev_index h : heads) out.push_back(g[h].id);
        return out;
    }
    if (r.heads.empty()) {
        if (heads.size() > 1)
            throw retort::usage_error("there are several heads (" + ids(g, heads) +
                                      "); pass --head REV to choose the parent, or --merge to merge them");
        return heads.empty() ? std::vector<std::string>{} : std::vector<std::string>{g[heads.front()].id};
    }
    std::vector<std::string> out;
    for (const auto& h : r.heads) {
        if (h == "base") continue;
        rev_index i = resolve_head(g, h);
        if (!g.is_head(i) && !r.splice)
            throw retort::usage_error("revision " + g[i].id +
                                      " is not a head; pass --splice to start a new branch from it");
        out.push_back(g[i].id);
    }
    return out;
}

/// --dir, else retort.ini's migrations (the file found from here upward, or --config), else ./migrations.
std::string migrations_dir(const po::variables_map& vm) {
    retort::config::overrides flags;
    if (vm.count("dir")) flags.migrations = vm["dir"].as<std::string>();
    std::optional<fs::path> file;
    if (vm.count("config")) file = vm["config"].as<std::string>();
    return retort::config::load(fs::current_path(), file, flags).migrations.text;
}

int run(int argc, char** argv) {
    request r;
    bool help = false, version = false;
    po::options_description desc("Options");
    desc.add_options()("help,h", po::bool_switch(&help), "show this help")(
        "version", po::bool_switch(&version), "show the version")(
        "init", po::value<std::string>(), "start a project in this folder: retort.ini, migrations/, CMakeLists.txt")(
        "dir", po::value<std::string>(), "migrations folder (default: retort.ini's migrations, else ./migrations)")(
        "config", po::value<std::string>(), "read this file instead of the nearest retort.ini")(
        "rev-id", po::value(&r.rev_id), "use this revision ID instead of a fresh one")(
        "head", po::value(&r.heads), "parent revision (repeat for a merge; 'base' starts a new base)")(
        "merge", po::bool_switch(&r.merge), "make a merge revision whose parents are all current heads")(
        "splice", po::bool_switch(&r.splice), "allow a --head that is not a head (start a branch)")(
        "branch-label", po::value(&r.labels), "branch label for the new revision (repeatable)")(
        "depends-on", po::value(&r.depends_on), "a revision this one depends on without being its child")(
        "message", po::value(&r.message), "what the revision does");
    po::positional_options_description pos;
    pos.add("message", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(desc).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw retort::usage_error(std::string(e.what()) + " (see 'mkrev --help')");
    }
    if (help) {
        std::cout << "usage: mkrev [options] \"message\"\n       mkrev --init DIR\n\n"
                     "Writes DIR/<id>_<slug>.cpp with the current head as parent. DIR is --dir, else the\n"
                     "migrations setting of the nearest retort.ini (so mkrev works from any subfolder), else\n"
                     "./migrations.\n"
                     "Example: mkrev \"create users table\"\n\n"
                  << desc << "\nExit codes: 0 ok, 1 failure, 2 usage error.\n";
        return 0;
    }
    if (version) {
        std::cout << "retort mkrev " << RETORT_VERSION << "\n";
        return 0;
    }
    if (vm.count("init")) {
        if (!r.message.empty()) throw retort::usage_error("--init takes a folder, not a message");
        retort::gen::init_project(vm["init"].as<std::string>(), std::cout);
        return 0;
    }
    if (r.message.empty()) throw retort::usage_error("a message is required, e.g. mkrev \"create users table\"");

    std::string dir = migrations_dir(vm);
    auto set = retort::gen::load_revision_set(dir);
    const auto& g = set.graph;
    retort::gen::revision_header h;
    h.id = r.rev_id.empty() ? retort::gen::new_revision_id() : r.rev_id;
    if (!retort::gen::valid_revision_id(h.id))
        throw retort::usage_error("'" + h.id + "' is not a valid revision ID (letters, digits, '_' or '-', at most 32)");
    if (g.find(h.id)) throw retort::usage_error("revision " + h.id + " already exists in " + g[*g.find(h.id)].path);
    h.parents = choose_parents(g, r);
    h.branch_labels = r.labels;
    for (const auto& d : r.depends_on) {
        if (g.find_label(d)) h.depends_on.push_back(d);
        else h.depends_on.push_back(g[g.resolve_id(d)].id);
    }
    h.message = r.message;
    h.created = now_text();

    fs::path path = fs::path(dir) / retort::gen::revision_file_name(h.id, h.message);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << retort::gen::revision_source(h);
    out.close();
    if (!out) throw retort::error("cannot write " + path.string());
    std::cout << path.string() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const retort::error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
