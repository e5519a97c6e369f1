// The test PostgreSQL server that ctest's fixture started (tools/throwaway-postgres), and
// scratch databases on it: one per test, so tests run in parallel without meeting.
#pragma once

#include <string>
#include <vector>

namespace retort::test {

struct server {
    std::string host, port, user, password, socket_dir, bin_dir;
    /// postgresql://user:password@host:port/database
    std::string url(const std::string& database) const;
};

/// Reads $RETORT_TEST_PG_ENV (the env file the fixture wrote).
const server& test_server();

/// A fresh database, dropped when the object goes.
class scratch_database {
public:
    explicit scratch_database(const std::string& name);
    ~scratch_database();
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;

    const std::string& name() const { return m_name; }
    std::string url() const { return test_server().url(m_name); }

    /// Runs SQL and returns the first column of every row ("" for NULL).
    std::vector<std::string> column(const std::string& sql) const;
    /// The first column of the first row, or "" when there is none.
    std::string value(const std::string& sql) const;
    void exec(const std::string& sql) const;
    /// Tables of the public schema, sorted.
    std::vector<std::string> tables() const;

private:
    std::string m_name;
};

/// pg_dump --schema-only of the database at `url` (with `options`, e.g. {"-T", "t"}), without what
/// differs between any two dumps of one schema: comment, SET and blank lines and the random
/// \restrict / \unrestrict tokens. Nothing else. Throws std::runtime_error when pg_dump fails.
std::string schema_dump(const std::string& url, const std::vector<std::string>& options = {});

/// Where the build put the binaries, and the source tree.
std::string build_dir();
std::string source_dir();

}  // namespace retort::test
