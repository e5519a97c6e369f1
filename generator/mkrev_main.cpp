// mkrev: scaffolds a new revision file whose parent is the current head. Reads the revision
// sources, not the runner, so it works before anything is built.
#include "init.hpp"
#include "post_write.hpp"
#include "revision_set.hpp"
#include "template.hpp"

#include "config/settings.hpp"
#include "core/errors.hpp"
#include "graph/revision_map.hpp"

#include <boost/program_options.hpp>

#include <algorithm>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

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

/// The parents, as Alembic's `revision --head` / `merge` choose them: every revision the --head
/// targets name ("head" by default; "base" for a new root; LABEL@head; "heads"), each a head
/// unless --splice.
std::vector<std::string> choose_parents(const retort::graph::revision_map& m, const request& r) {
    std::vector<std::string> targets = r.heads;
    if (r.merge) {
        if (!targets.empty()) throw retort::usage_error("--merge takes the current heads; do not also pass --head");
        targets = {"heads"};
        if (m.real_heads().size() < 2)
            throw retort::usage_error("--merge needs at least two heads; there is " + std::to_string(m.real_heads().size()));
    }
    if (targets.empty()) targets = {"head"};
    std::vector<rev_index> parents;
    try {
        for (auto p : m.get_revisions(targets))
            if (p) parents.push_back(*p);
    } catch (const retort::resolution_error& e) {
        if (targets == std::vector<std::string>{"head"} && m.heads().size() > 1)
            throw retort::usage_error("there are several heads (" + ids(m.graph(), m.heads()) +
                                      "); pass --head REV to choose the parent, or --merge to merge them");
        throw;
    }
    std::vector<std::string> out;
    for (rev_index i : parents) {
        if (std::find(out.begin(), out.end(), m.id(i)) != out.end())
            throw retort::usage_error("revision " + m.id(i) + " is named twice as a parent");
        if (!m.is_head(i) && !r.splice)
            throw retort::usage_error("revision " + m.id(i) +
                                      " is not a head; pass --splice to start a new branch from it");
        out.push_back(m.id(i));
    }
    return out;
}

/// A dependency is kept as written when it is a branch label of the revision it names, and
/// otherwise becomes that revision's full ID (Alembic's rule).
std::string resolve_dependency(const retort::graph::revision_map& m, const std::string& dep) {
    auto r = m.get_revision(dep);
    if (!r) throw retort::usage_error("--depends-on " + dep + " names no revision");
    const auto& labels = m.branch_labels(*r);
    return std::find(labels.begin(), labels.end(), dep) != labels.end() ? dep : m.id(*r);
}

/// --dir, else retort.ini's migrations (the file found from here upward, or --config), else ./migrations.
std::string migrations_dir(const po::variables_map& vm) {
    retort::config::overrides flags;
    if (vm.count("dir")) flags.migrations = vm["dir"].as<std::string>();
    std::optional<fs::path> file;
    if (vm.count("config")) file = vm["config"].as<std::string>();
    return retort::config::load(fs::current_path(), file, flags).migrations.text;
}

/// The project's revision template (DIR/template.cpp.in, as Alembic's script.py.mako), else the
/// built-in one. A template whose result does not read as this revision is refused, naming it.
std::string project_template(const std::string& dir, const retort::gen::revision_header& h) {
    fs::path file = fs::path(dir) / "template.cpp.in";
    if (!fs::exists(file)) return retort::gen::default_template();
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw retort::error("cannot read " + file.string());
    try {
        auto parsed = retort::gen::parse_revision_source(retort::gen::revision_source(h, text.str()), file.string());
        if (parsed.id == h.id && parsed.parents == h.parents) return text.str();
    } catch (const retort::gen::scan_error&) {
    }
    throw retort::usage_error(file.string() + " does not make a revision file: keep @HEADER@ and RETORT_REVISION(@SYMBOL@) in it");
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
        "head", po::value(&r.heads), "parent: REV, LABEL@head, heads, or 'base' for a new root (repeat for a merge; default: head)")(
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
    retort::graph::revision_map map(g);
    h.parents = choose_parents(map, r);
    for (const auto& label : r.labels)
        if (auto used = g.find_label(label))
            throw retort::usage_error("branch label '" + label + "' is already used by revision " + g[*used].id);
    h.branch_labels = r.labels;
    for (const auto& d : r.depends_on) h.depends_on.push_back(resolve_dependency(map, d));
    h.message = r.message;
    h.created = now_text();

    std::string text = retort::gen::revision_source(h, project_template(dir, h));
    fs::path path = fs::path(dir) / retort::gen::revision_file_name(h.id, h.message);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw retort::error("cannot write " + path.string());
    retort::gen::format_if_configured(path, std::cerr);
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
