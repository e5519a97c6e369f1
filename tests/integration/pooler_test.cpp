// A real pgbouncer in front of the test server: in transaction mode the runner refuses (its
// session-level lock would not hold); in session mode it migrates.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace retort::test;

namespace {

/// True once something accepts TCP connections on 127.0.0.1:port (pgbouncer -d returns before
/// its daemon listens, and the daemon fails later if the port was taken meanwhile).
bool listening(const std::string& port) {
    for (int i = 0; i < 100; ++i) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(std::stoi(port)));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        close(fd);
        if (ok) return true;
        usleep(50000);
    }
    return false;
}

/// pgbouncer as a daemon on a free port, pooling the test server over its unix socket; stopped
/// when the object goes.
class pgbouncer {
public:
    explicit pgbouncer(const std::string& mode) : m_dir(build_dir() + "/it_pgbouncer_" + mode) {
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        std::mt19937 pick(std::random_device{}());
        const auto& s = test_server();
        for (int attempt = 0; attempt < 5 && m_port.empty(); ++attempt) {
            std::string port = std::to_string(std::uniform_int_distribution<int>(20000, 60000)(pick));
            std::ofstream(m_dir + "/pgbouncer.ini")
                << "[databases]\n* = host=" << s.socket_dir << " port=" << s.port << "\n"
                << "[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = " << port << "\nunix_socket_dir =\n"
                << "auth_type = trust\nauth_file = " << m_dir << "/users.txt\npool_mode = " << mode << "\n"
                << "logfile = " << m_dir << "/pgbouncer.log\npidfile = " << m_dir << "/pgbouncer.pid\n";
            std::ofstream(m_dir + "/users.txt") << "\"postgres\" \"\"\n";
            // The daemon must not keep our pipes open, or run() would wait for it to exit.
            std::string start = "pgbouncer -d '" + m_dir + "/pgbouncer.ini' </dev/null >/dev/null 2>&1";
            std::vector<std::string> argv{"sh", "-c", start};
            if (geteuid() == 0) {  // pgbouncer refuses to run as root
                run({"chown", "-R", "postgres", m_dir});
                argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
            }
            if (run(argv).exit_code == 0 && listening(port)) m_port = port;
        }
        REQUIRE_MESSAGE(!m_port.empty(), "pgbouncer did not start");
    }
    ~pgbouncer() {
        std::ifstream pid(m_dir + "/pgbouncer.pid");
        int n = 0;
        if (pid >> n && n > 0) kill(n, SIGTERM);
    }
    std::string url(const std::string& database) const {
        return "postgresql://postgres@127.0.0.1:" + m_port + "/" + database;
    }

private:
    std::string m_dir, m_port;
};

}  // namespace

TEST_CASE("behind pgbouncer in transaction mode the runner refuses with a clear message") {
    scratch_database db("it_pooler_tx");
    pgbouncer pool("transaction");
    auto r = run({build_dir() + "/runner", "-d", pool.url(db.name()), "upgrade", "head"}, {{"DATABASE_URL", ""}});
    CHECK(r.exit_code == 1);
    CHECK(count_lines(r.err) == 1);
    CHECK_MESSAGE(r.err.find("error: the database URL leads through a connection pooler in transaction mode") !=
                      std::string::npos,
                  r.err);
    CHECK(db.tables().empty());
}

TEST_CASE("behind pgbouncer in session mode the runner migrates") {
    scratch_database db("it_pooler_session");
    pgbouncer pool("session");
    auto r = run({build_dir() + "/runner", "-d", pool.url(db.name()), "upgrade", "head"}, {{"DATABASE_URL", ""}});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    auto revisions = count_lines(run({build_dir() + "/runner", "history"}).out);
    CHECK(db.value("SELECT count(*) FROM retort_history") == std::to_string(revisions));
}
