// mkrev: scaffolds a new revision file whose parent is the current head. Reads the revision
// sources, not the runner, so it works before anything is built.
#include "init.hpp"
#include "new_revision.hpp"

#include "config/settings.hpp"
#include "core/errors.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

/// --dir, else retort.ini's migrations (the file found from here upward, or --config), else ./migrations.
std::string migrations_dir(const po::variables_map& vm) {
    retort::config::overrides flags;
    if (vm.count("dir")) flags.migrations = vm["dir"].as<std::string>();
    std::optional<fs::path> file;
    if (vm.count("config")) file = vm["config"].as<std::string>();
    return retort::config::load(fs::current_path(), file, flags).migrations.text;
}

int run(int argc, char** argv) {
    retort::gen::revision_request r;
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
    // The message and labels land in // comments; a trailing backslash (even before spaces) would
    // continue the comment onto the next line and swallow it: the #include, in the message's case.
    auto ends_in_backslash = [](const std::string& text) {
        auto last = text.find_last_not_of(" \t\r\n");
        return last != std::string::npos && text[last] == '\\';
    };
    if (ends_in_backslash(r.message))
        throw retort::usage_error("the message ends in a backslash, which would continue its // comment line onto "
                                  "the next one; drop it or add a word after it");
    for (const auto& label : r.labels)
        if (ends_in_backslash(label))
            throw retort::usage_error("branch label '" + label + "' ends in a backslash, which would continue its "
                                      "// comment line onto the next one");

    std::string dir = migrations_dir(vm);
    auto path = retort::gen::write_new_revision(dir, retort::gen::load_revision_set(dir), r);
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
