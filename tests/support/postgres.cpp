#include "postgres.hpp"
#include "process.hpp"

#include <pqxx/pqxx>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace retort::test {

namespace {
/// An environment override, else the path the build compiled in.
std::string setting(const char* name, const char* built_in) {
    const char* v = std::getenv(name);
    return v && *v ? v : built_in;
}

std::string admin_url() { return test_server().url("postgres"); }
}  // namespace

std::string server::url(const std::string& database) const {
    return "postgresql://" + user + ":" + password + "@" + host + ":" + port + "/" + database;
}

const server& test_server() {
    static const server s = [] {
        std::ifstream in(setting("RETORT_TEST_PG_ENV", RETORT_TEST_PG_ENV));
        if (!in) throw std::runtime_error("cannot read the test server's env file; did the postgres fixture start?");
        std::map<std::string, std::string> kv;
        std::string line;
        while (std::getline(in, line)) {
            auto eq = line.find('=');
            if (eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
        }
        return server{kv["PGHOST"], kv["PGPORT"], kv["PGUSER"], kv["PGPASSWORD"], kv["PGSOCKETDIR"], kv["PGBINDIR"]};
    }();
    return s;
}

scratch_database::scratch_database(const std::string& name) : m_name(name) {
    pqxx::connection c(admin_url());
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + tx.quote_name(name));
}

scratch_database::~scratch_database() {
    try {
        pqxx::connection c(admin_url());
        pqxx::nontransaction tx(c);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(m_name) + " WITH (FORCE)");
    } catch (...) {
    }
}

std::vector<std::string> scratch_database::column(const std::string& sql) const {
    pqxx::connection c(url());
    pqxx::nontransaction tx(c);
    std::vector<std::string> out;
    for (const auto& row : tx.exec(sql)) out.push_back(row[0].is_null() ? "" : row[0].c_str());
    return out;
}

std::string scratch_database::value(const std::string& sql) const {
    auto col = column(sql);
    return col.empty() ? "" : col.front();
}

void scratch_database::exec(const std::string& sql) const {
    pqxx::connection c(url());
    pqxx::nontransaction tx(c);
    tx.exec(sql);
}

std::vector<std::string> scratch_database::tables() const {
    return column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
}

std::string schema_dump(const std::string& url, const std::vector<std::string>& options) {
    std::vector<std::string> argv = {test_server().bin_dir + "/pg_dump", "--schema-only"};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.insert(argv.end(), {"-d", url});
    auto dump = run(argv);
    if (dump.exit_code != 0) throw std::runtime_error("pg_dump failed: " + dump.err);
    std::istringstream in(dump.out);
    std::string line, out;
    while (std::getline(in, line)) {
        if (line.empty() || line.rfind("--", 0) == 0 || line.rfind("SET ", 0) == 0 || line.rfind("\\restrict", 0) == 0 ||
            line.rfind("\\unrestrict", 0) == 0)
            continue;
        out += line + "\n";
    }
    return out;
}

std::string build_dir() { return setting("RETORT_BUILD_DIR", RETORT_BUILD_DIR); }
std::string source_dir() { return setting("RETORT_SOURCE_DIR", RETORT_SOURCE_DIR); }

}  // namespace retort::test
