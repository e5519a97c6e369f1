// runner: the one place where errors become a message and an exit code.
#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"
#include "core/registry.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>

namespace po = boost::program_options;
using namespace retort;

namespace {

constexpr const char* version_text = "retort runner 0.1.0";

void print_help(const po::options_description& global) {
    std::cout << "usage: runner [global options] COMMAND [options] [TARGET]\n\nCommands:\n";
    for (const auto& c : cli::commands()) std::cout << "  " << c.name << std::string(12 - std::string(c.name).size(), ' ')
                                                    << c.summary << "\n";
    std::cout << "\nGlobal options:\n" << global
              << "\nRun 'runner COMMAND --help' for a command's options and an example.\n"
                 "Exit codes: 0 ok, 1 failure, 2 usage error, 3 several heads (heads --check).\n";
}

int run(int argc, char** argv) {
    std::string url, version_table = "retort_version", version_schema;
    db::connect_settings connect;
    bool help = false, version = false;
    po::options_description global;
    global.add_options()("database-url,d", po::value(&url),
                         "database URL (postgresql://user:password@host:port/db) or libpq key=value string; "
                         "default: $DATABASE_URL, then libpq's PG* variables")(
        "version-table", po::value(&version_table), "table holding the current revisions (default retort_version; "
                                                    "alembic_version continues an Alembic database)")(
        "version-table-schema", po::value(&version_schema), "schema of the version table (and of retort_history)")(
        "role", po::value(&connect.role), "role to act as after connecting (SET ROLE)")(
        "search-path", po::value(&connect.search_path), "search_path to set after connecting")(
        "help,h", po::bool_switch(&help), "show this help")("version", po::bool_switch(&version), "show the version");

    po::parsed_options parsed = [&] {
        try {
            return po::command_line_parser(argc, argv)
                .options(global)
                .allow_unregistered()
                .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                .run();
        } catch (const po::error& e) {
            throw usage_error(std::string(e.what()) + " (see 'runner --help')");
        }
    }();
    po::variables_map vm;
    po::store(parsed, vm);
    po::notify(vm);
    std::vector<std::string> rest = po::collect_unrecognized(parsed.options, po::include_positional);

    if (version) {
        std::cout << version_text << "\n";
        return exit_ok;
    }
    if (rest.empty()) {
        print_help(global);
        return help ? exit_ok : exit_usage;
    }
    std::string name = rest.front();
    rest.erase(rest.begin());
    if (help) rest.push_back("--help");
    for (const auto& c : cli::commands()) {
        if (name != c.name) continue;
        if (url.empty())
            if (const char* env = std::getenv("DATABASE_URL")) url = env;
        loaded_revisions revisions = load_registry();
        cli::context ctx{url, {version_schema, version_table}, &revisions, connect};
        return c.run(ctx, rest);
    }
    throw usage_error("unknown command '" + name + "' (see 'runner --help')");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const retort::error& e) {
        std::cerr << "error: " << redact(e.what()) << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "error: " << redact(e.what()) << "\n";
        return exit_failure;
    } catch (...) {
        std::cerr << "error: unexpected failure\n";
        return exit_failure;
    }
}
