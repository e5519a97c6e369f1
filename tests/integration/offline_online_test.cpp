// Offline equals online: the statements the server logged (log_statement = all) while the runner
// applied the catalogue are exactly the statements `--sql` prints for the same revisions, in the
// same transactions.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

using namespace retort::test;

namespace {

std::string catalogue_runner() { return build_dir() + "/tests/runner_catalogue"; }
std::string server_log() { return test_server().socket_dir + "/server.log"; }

std::size_t file_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    return in ? static_cast<std::size_t>(in.tellg()) : 0;
}

/// Splits SQL text at semicolons outside quotes and trims each statement.
std::vector<std::string> split_statements(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    char quote = 0;
    auto flush = [&] {
        auto begin = current.find_first_not_of(" \n\t");
        auto end = current.find_last_not_of(" \n\t");
        if (begin != std::string::npos) out.push_back(current.substr(begin, end - begin + 1));
        current.clear();
    };
    for (char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ';') {
            flush();
            continue;
        }
        current += c;
    }
    flush();
    return out;
}

/// Bookkeeping the runner does around the revisions (version table, lock, reading state) and the
/// pipeline's "SELECT 1" marker: not what a revision says, so neither side keeps it.
bool is_revision_statement(const std::string& s) {
    static const std::regex bookkeeping(
        "^(SELECT 1|ROLLBACK|SET .*|SHOW .*|SELECT (current_database|pg_advisory|pg_try_advisory|pg_backend_pid|set_config|"
        "to_regclass|version_num).*|SELECT count\\(\\*\\) FROM pg_index .*|"
        "CREATE TABLE IF NOT EXISTS retort_version[^]*|CREATE TABLE retort_history[^]*|(INSERT INTO|UPDATE|DELETE FROM) retort_version .*|"
        ".*retort_history.*)$");
    return !std::regex_match(s, bookkeeping);
}

/// "$1 = 'x', $2 = NULL" from a DETAIL line, substituted into the logged statement.
std::string with_parameters(std::string sql, const std::string& detail) {
    static const std::regex parameter(R"(\$(\d+) = ('(?:[^']|'')*'|NULL))");
    std::vector<std::pair<std::string, std::string>> values;
    for (std::sregex_iterator i(detail.begin(), detail.end(), parameter), end; i != end; ++i)
        values.emplace_back("$" + (*i)[1].str(), (*i)[2].str());
    // Highest number first, so $1 never eats the start of $10.
    for (auto v = values.rbegin(); v != values.rend(); ++v)
        for (auto at = sql.find(v->first); at != std::string::npos; at = sql.find(v->first, at + v->second.size()))
            sql.replace(at, v->first.size(), v->second);
    return sql;
}

/// The statements logged after `offset`, in order, with bound parameters substituted.
std::vector<std::string> logged_statements(std::size_t offset) {
    std::ifstream in(server_log());
    in.seekg(static_cast<std::streamoff>(offset));
    static const std::regex entry(R"(^\d{4}-\d\d-\d\d \S+ \S+ \[\d+\] (\w+):  (.*)$)");
    struct logged {
        std::string level, text;
    };
    std::vector<logged> entries;
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, entry)) entries.push_back({m[1].str(), m[2].str()});
        else if (!entries.empty()) entries.back().text += "\n" + (line.rfind('\t', 0) == 0 ? line.substr(1) : line);
    }
    std::vector<std::string> out;
    bool in_read_only = false;  // the runner reading its version table: bookkeeping, not the revision
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        if (e.level != "LOG") continue;
        if (e.text.rfind("statement: BEGIN; SET TRANSACTION READ ONLY", 0) == 0) in_read_only = true;
        if (in_read_only) {
            in_read_only = e.text != "statement: ROLLBACK" && e.text != "statement: COMMIT";
            continue;
        }
        std::string sql;
        if (e.text.rfind("statement: ", 0) == 0) {
            sql = e.text.substr(11);
        } else if (e.text.rfind("execute <unnamed>: ", 0) == 0) {
            sql = e.text.substr(19);
            if (i + 1 < entries.size() && entries[i + 1].level == "DETAIL")
                sql = with_parameters(sql, entries[i + 1].text);
        } else {
            continue;
        }
        for (auto& s : split_statements(sql))
            if (is_revision_statement(s)) out.push_back(s);
    }
    return out;
}

std::vector<std::string> printed_statements(const std::string& sql) {
    std::vector<std::string> out;
    std::string without_comments;
    std::istringstream in(sql);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("-- ", 0) != 0) without_comments += line + "\n";
    for (auto& s : split_statements(without_comments))
        if (is_revision_statement(s)) out.push_back(s);
    return out;
}

}  // namespace

TEST_CASE("what --sql prints is what the runner runs, upgrade and downgrade") {
    scratch_database db("offline_online");
    // Only sessions in this database log their statements; the runner connects after this.
    db.exec("ALTER DATABASE offline_online SET log_statement = 'all'");

    for (bool upgrade : {true, false}) {
        CAPTURE(upgrade);
        auto offline = upgrade ? run({catalogue_runner(), "upgrade", "head", "--sql"})
                               : run({catalogue_runner(), "downgrade", "head:base", "--sql"});
        REQUIRE_MESSAGE(offline.exit_code == 0, offline.err);
        std::size_t offset = file_size(server_log());
        auto online = run({catalogue_runner(), "-d", db.url(), upgrade ? "upgrade" : "downgrade", upgrade ? "head" : "base"},
                          {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
        REQUIRE_MESSAGE(online.exit_code == 0, online.err);

        std::vector<std::string> printed = printed_statements(offline.out);
        std::vector<std::string> logged = logged_statements(offset);
        REQUIRE(printed.size() > 40);
        // Nine revisions; c1a000000008 is split by its autocommit block; c1a000000004 validates its two
        // NOT VALID constraints in transactions of their own (+2); c1a000000009's recipes commit step by step (+4).
        CHECK(std::count(printed.begin(), printed.end(), "BEGIN") == (upgrade ? 16 : 10));
        for (std::size_t i = 0; i < std::min(printed.size(), logged.size()); ++i) {
            CAPTURE(i);
            REQUIRE(logged[i] == printed[i]);
        }
        CHECK(logged.size() == printed.size());
    }
}
