// runner: the one place where errors become a message and an exit code.
#include "cli/commands.hpp"
#include "cli/online.hpp"
#include "cli/terminal.hpp"
#include "config/settings.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"
#include "core/registry.hpp"
#include "core/suggest.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>

namespace po = boost::program_options;
using namespace retort;

namespace {

void print_help(std::ostream& out, const po::options_description& global) {
    out << "usage: runner [global options] COMMAND [options] [TARGET]\n\nCommands:\n";
    std::size_t width = 0;
    for (const auto& c : cli::commands()) width = std::max(width, std::string(c.name).size());
    for (const auto& c : cli::commands()) {
        std::string name = c.name;
        out << "  " << name << std::string(width + 2 - name.size(), ' ') << c.summary << "\n";
    }
    out << "\nGlobal options (before or after the command):\n" << global
        << "\nSettings come from the flags, then the environment, then retort.ini (looked for from the working\n"
           "directory upward), then defaults; 'runner config' shows the result.\n"
           "Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 failure, 2 usage error,\n"
           "3 several heads (heads --check), 7 drift or a stale schema file (drift, schema --check); README lists all.\n"
           "Run 'runner COMMAND --help' for a command's options and an example.\n";
}

std::optional<std::string> given(const po::variables_map& vm, const char* name) {
    if (!vm.count(name) || vm[name].defaulted()) return std::nullopt;
    return vm[name].as<std::string>();
}

int run(int argc, char** argv) {
    db::connect_settings connect;
    bool help = false, version = false, echo = false, quiet = false;
    po::options_description global;
    global.add_options()("database-url,d", po::value<std::string>(),
                         "database URL (postgresql://user:password@host:port/db) or libpq key=value string; "
                         "default: $DATABASE_URL, then retort.ini's url, then libpq's PG* variables")(
        "config", po::value<std::string>(), "read this file instead of the nearest retort.ini")(
        "version-table", po::value<std::string>(), "table holding the current revisions (default retort_version; "
                                                   "alembic_version continues an Alembic database)")(
        "version-table-schema", po::value<std::string>(), "schema of the version table (and of retort_history)")(
        "role", po::value(&connect.role), "role to act as after connecting (SET ROLE)")(
        "search-path", po::value(&connect.search_path), "search_path to set after connecting")(
        "echo", po::bool_switch(&echo), "print each statement as it runs, with its duration (upgrade, downgrade)")(
        "quiet,q", po::bool_switch(&quiet), "print only data and errors")(
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
        std::cout << "retort runner " << RETORT_VERSION << "\n";
        return exit_ok;
    }
    if (rest.empty()) {
        // Asked for: data on stdout. Not asked for (no command): a usage error, on stderr.
        print_help(help ? std::cout : std::cerr, global);
        return help ? exit_ok : exit_usage;
    }
    std::string name = rest.front();
    rest.erase(rest.begin());
    if (help) rest.push_back("--help");
    for (const auto& c : cli::commands()) {
        if (name != c.name) continue;
        config::overrides flags;
        flags.url = given(vm, "database-url");
        flags.version_table = given(vm, "version-table");
        flags.version_table_schema = given(vm, "version-table-schema");
        std::optional<std::filesystem::path> file;
        if (auto f = given(vm, "config")) file = *f;
        config::settings settings = config::load(std::filesystem::current_path(), file, flags);
        // Deliberately never freed: the process ends with the command, and tearing down the graph
        // of 10,000 revisions took a fifth of `runner heads` (docs/performance.md).
        loaded_revisions* revisions = new loaded_revisions(load_registry());
        cli::context ctx{settings.url.text,
                         {settings.version_table_schema.text, settings.version_table.text},
                         revisions,
                         settings,
                         cli::detect_output(echo, quiet),
                         std::filesystem::path(argv[0]).filename().string(),
                         connect};
        return cli::run_command(c, ctx, rest);
    }
    // Global options come before the command; anything else starting with '-' is an unknown option.
    if (name.size() > 1 && name[0] == '-')
        throw usage_error("unknown option '" + name + "' before the command (see 'runner --help')");
    std::vector<std::string> names;
    for (const auto& c : cli::commands()) names.push_back(c.name);
    throw usage_error("unknown command '" + name + "'" + did_you_mean(name, names) + " (see 'runner --help')");
}

void print_error(const std::string& message) {
    std::cerr << cli::paint(cli::stderr_wants_color(), "1;31", "error:") << " " << redact(message) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    // The runner writes through std::cout only; unsynchronised, a long `history` or `--sql`
    // is one buffered write instead of a stdio call per piece.
    std::ios::sync_with_stdio(false);
    cli::remember_command_line(argv);
    try {
        return run(argc, argv);
    } catch (const retort::error& e) {
        print_error(e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        print_error(e.what());
        return exit_failure;
    } catch (...) {
        print_error("unexpected failure");
        return exit_failure;
    }
}
