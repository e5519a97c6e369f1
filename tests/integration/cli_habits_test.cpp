// The runner's manners: exit codes, stdout for data and stderr for messages, --echo, -q, and
// colour and progress only on a terminal (run under a pseudo-terminal with util-linux `script`).
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <sstream>

using namespace retort::test;

namespace {
std::string runner() { return build_dir() + "/runner"; }

/// No URL or password from the developer's shell leaks into a test.
const std::map<std::string, std::string> clean_env = {
    {"DATABASE_URL", ""}, {"PGPASSWORD", ""}, {"NO_COLOR", ""}, {"TERM", "xterm"}};

std::string quoted(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) {
        std::string q = "'";
        for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        out += (out.empty() ? "" : " ") + q + "'";
    }
    return out;
}

/// Runs argv with stdout and stderr on a pseudo-terminal; everything it printed lands in `out`.
run_result on_terminal(const std::vector<std::string>& argv, std::map<std::string, std::string> env = clean_env) {
    return run({"script", "-qec", quoted(argv), "/dev/null"}, env);
}

bool has_colour(const std::string& text) { return std::regex_search(text, std::regex("\033\\[[0-9;]+m")); }
bool has_escape(const std::string& text) { return text.find('\033') != std::string::npos; }
}  // namespace

TEST_CASE("exit codes: 0 ok, 1 failure, 2 usage error, messages on stderr, one line") {
    auto version = run({runner(), "--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == "retort runner 0.1.0\n");
    CHECK(version.err.empty());

    auto help = run({runner(), "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Exit codes: 0 ok, 1 failure, 2 usage error") != std::string::npos);

    auto nothing = run({runner()});
    CHECK(nothing.exit_code == 2);
    CHECK(nothing.out.empty());  // usage without a command is an error: stderr
    CHECK(nothing.err.find("usage: runner") != std::string::npos);

    auto unknown = run({runner(), "upgrad"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.out.empty());
    CHECK(unknown.err == "error: unknown command 'upgrad'; did you mean 'upgrade'? (see 'runner --help')\n");

    auto bad_option = run({runner(), "history", "--frobnicate"});
    CHECK(bad_option.exit_code == 2);
    CHECK(count_lines(bad_option.err) == 1);

    auto refused = run({runner(), "-d", "postgresql://app:hunter2@127.0.0.1:1/none", "current"}, clean_env);
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.empty());
    CHECK(count_lines(refused.err) == 1);
    CHECK(refused.err.find("hunter2") == std::string::npos);
    CHECK_FALSE(has_escape(refused.err));  // piped: no colour
}

TEST_CASE("every command has --help with an example, on stdout, exit 0") {
    auto help = run({runner(), "--help"}).out;
    std::regex command_line(R"(^  ([a-z-]+) +\S)");
    std::size_t commands = 0;
    std::istringstream lines(help.substr(help.find("Commands:"), help.find("Global options") - help.find("Commands:")));
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, command_line)) continue;
        ++commands;
        auto r = run({runner(), m[1].str(), "--help"});
        CHECK_MESSAGE(r.exit_code == 0, m[1].str());
        CHECK_MESSAGE(r.out.find("Example: ") != std::string::npos, m[1].str());
        CHECK_MESSAGE(r.err.empty(), m[1].str());
    }
    CHECK(commands >= 7);
}

TEST_CASE("stdout carries only data: upgrade prints nothing there, -q silences stderr, --echo goes to stderr") {
    scratch_database db("it_habits_streams");
    auto up = run({runner(), "-d", db.url(), "upgrade", "+1"}, clean_env);
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(up.out.empty());
    CHECK(up.err.find("Running upgrade  -> ") != std::string::npos);
    CHECK(up.err.find("revision 1 of") == std::string::npos);  // no progress line in a pipe
    CHECK_FALSE(has_escape(up.err));

    auto quiet = run({runner(), "-d", db.url(), "-q", "upgrade", "+1"}, clean_env);
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.out.empty());
    CHECK(quiet.err.empty());

    auto echo = run({runner(), "--echo", "-q", "-d", db.url(), "upgrade", "head"}, clean_env);
    REQUIRE_MESSAGE(echo.exit_code == 0, echo.err);
    CHECK(echo.out.empty());
    std::regex timed(R"(^ALTER TABLE users ADD COLUMN display_name TEXT; -- [0-9.]+ (ms|s)$)", std::regex::multiline);
    CHECK(std::regex_search(echo.err, timed));
    CHECK(echo.err.find("UPDATE retort_version SET version_num") != std::string::npos);
    CHECK(echo.err.find("Running") == std::string::npos);  // -q still holds

    // What scripts parse stays parseable: one "ID (head)" line, nothing else.
    auto current = run({runner(), "-d", db.url(), "current"}, clean_env);
    CHECK(std::regex_match(current.out, std::regex(R"([0-9a-f]{12} \(head\)\n)")));
    auto history = run({runner(), "history"}, clean_env);
    std::istringstream lines(history.out);
    for (std::string line; std::getline(lines, line);)
        CHECK_MESSAGE(std::regex_match(line, std::regex(R"((<base>|[0-9a-f]{12}) -> [0-9a-f]{12}( \(\w+\))*, .+)")), line);
}

TEST_CASE("on a terminal: colour and a progress line, NO_COLOR drops the colour, a pipe drops both") {
    scratch_database db("it_habits_tty");
    const std::string n = std::to_string(count_lines(run({runner(), "history"}, clean_env).out));
    auto tty = on_terminal({runner(), "-d", db.url(), "upgrade", "head"});
    REQUIRE_MESSAGE(tty.exit_code == 0, tty.out);
    CHECK(has_colour(tty.out));
    CHECK(tty.out.find("revision 1 of " + n + ", ") != std::string::npos);
    CHECK(tty.out.find("revision " + n + " of " + n + ", ") != std::string::npos);
    CHECK(tty.out.find(" elapsed") != std::string::npos);

    auto env = clean_env;
    env["NO_COLOR"] = "1";
    auto no_color = on_terminal({runner(), "-d", db.url(), "downgrade", "base"}, env);
    REQUIRE_MESSAGE(no_color.exit_code == 0, no_color.out);
    CHECK_FALSE(has_colour(no_color.out));
    CHECK(no_color.out.find("revision " + n + " of " + n + ", ") != std::string::npos);  // progress is not colour
    CHECK(no_color.out.find("Running downgrade") != std::string::npos);

    auto error_tty = on_terminal({runner(), "upgrad"});
    CHECK(error_tty.exit_code == 2);
    CHECK(error_tty.out.find("\033[1;31merror:\033[0m unknown command") != std::string::npos);
    auto error_no_color = on_terminal({runner(), "upgrad"}, env);
    CHECK(error_no_color.out.find("error: unknown command") != std::string::npos);
    CHECK_FALSE(has_escape(error_no_color.out));

    auto quiet = on_terminal({runner(), "-q", "-d", db.url(), "upgrade", "head"});
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.out.empty());  // -q: no progress either

    auto piped = run({runner(), "-d", db.url(), "downgrade", "base"}, clean_env);
    REQUIRE(piped.exit_code == 0);
    CHECK_FALSE(has_escape(piped.err));
    CHECK(piped.err.find("revision 1 of") == std::string::npos);
}

TEST_CASE("bash completion: commands, options, revision IDs and labels") {
    auto script = run({runner(), "completion", "bash"});
    REQUIRE(script.exit_code == 0);
    auto complete = [&](const std::string& words) {
        std::string program = "words=(" + words + "); COMP_WORDS=(\"${words[@]}\"); COMP_CWORD=$((${#words[@]} - 1));"
                              "_retort_runner; printf '%s\\n' \"${COMPREPLY[@]}\"";
        auto r = run({"bash", "-c", "source /dev/stdin <<'EOF'\n" + script.out + "EOF\n" + program});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return r.out;
    };
    std::string r = runner();
    CHECK(complete(r + " up") == "upgrade\n");
    CHECK(complete(r + " co") == "config\ncompletion\n");
    CHECK(complete(r + " heads --") == "--check\n--help\n--json\n--resolve-dependencies\n--verbose\n");
    CHECK(complete(r + " -d url upgrade --s") == "--schemas\n--schemas-sql\n--single-transaction\n--sql\n--statement-timeout\n");
    auto history = run({runner(), "history"}).out;
    std::string oldest = history.substr(history.rfind("<base> -> ") + 10, 12);
    CHECK(complete(r + " downgrade " + oldest.substr(0, 4)) == oldest + "\n");
    CHECK(complete(r + " upgrade he") == "head\nheads\n");

    auto words = run({runner(), "completion", "revisions"});
    CHECK(words.exit_code == 0);
    CHECK(words.out.find(oldest + "\n") != std::string::npos);
    CHECK(run({runner(), "completion", "zsh"}).exit_code == 2);

    std::string labelled = build_dir() + "/tests/runner_labelled";
    auto labelled_script = run({labelled, "completion", "bash"});
    auto r2 = run({"bash", "-c", "source /dev/stdin <<'EOF'\n" + labelled_script.out +
                                     "EOF\nCOMP_WORDS=(" + labelled + " upgrade bil); COMP_CWORD=2; _retort_runner_labelled; "
                                     "printf '%s\\n' \"${COMPREPLY[@]}\""});
    CHECK(r2.out == "billing\n");
}
