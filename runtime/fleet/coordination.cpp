#include "fleet/coordination.hpp"

#include "core/checksum.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <mutex>
#include <random>

namespace retort::fleet {

namespace {

/// The advisory-lock class of worker keys ("RETF"); the second key is the worker's number.
constexpr const char* worker_class = "1380275270";

/// A worker is alive while its control connection holds its advisory lock.
const std::string worker_alive =
    "EXISTS (SELECT FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.classid = " +
    std::string(worker_class) +
    " AND l.objid = f.worker::oid AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = "
    "current_database()))";

const char* create_table =
    "CREATE TABLE IF NOT EXISTS retort_fleet (\n"
    "    run_id TEXT NOT NULL,\n"
    "    position INTEGER NOT NULL,\n"
    "    target TEXT NOT NULL,\n"
    "    url TEXT NOT NULL,\n"
    "    status TEXT NOT NULL DEFAULT 'pending',\n"
    "    worker INTEGER,\n"
    "    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
    "    claimed_at TIMESTAMPTZ,\n"
    "    finished_at TIMESTAMPTZ,\n"
    "    before TEXT,\n"
    "    after TEXT,\n"
    "    steps INTEGER,\n"
    "    duration_ms BIGINT,\n"
    "    error_message TEXT,\n"
    "    error_sqlstate TEXT,\n"
    "    PRIMARY KEY (run_id, target)\n"
    ")";

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (!text.empty() && from <= text.size()) {
        auto comma = text.find(',', from);
        out.push_back(text.substr(from, comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out;
}

status status_from(const std::string& s) {
    if (s == "ok") return status::ok;
    if (s == "failed") return status::failed;
    if (s == "unreachable") return status::unreachable;
    return status::not_attempted;
}

database_error control_error(const pqxx::sql_error& e) {
    return database_error("the control database: " + one_line(e.what()), e.sqlstate());
}

}  // namespace

std::string run_id(const std::string& command, const std::string& goal, const std::vector<target>& targets) {
    std::vector<std::string> names;
    for (const auto& t : targets) names.push_back(t.name);
    std::sort(names.begin(), names.end());
    return command + " " + goal + " " + sha256_hex(joined(names)).substr(0, 12);
}

struct coordinator::impl {
    explicit impl(const std::string& conninfo) : control(conninfo) {}
    db::session control;
    std::mutex lock;
    int worker = 0;
};

coordinator::coordinator(const std::string& control_conninfo, std::string run, const std::vector<target>& targets)
    : m(std::make_unique<impl>(control_conninfo)), m_run(std::move(run)), m_targets(targets) {
    auto& conn = m->control.native();
    try {
        std::random_device random;
        for (;;) {
            m->worker = static_cast<int>(random() & 0x7fffffff);
            pqxx::nontransaction tx(conn);
            if (tx.exec1("SELECT pg_try_advisory_lock(" + std::string(worker_class) + ", " +
                         std::to_string(m->worker) + ")")[0]
                    .as<bool>())
                break;
        }
        pqxx::work tx(conn);
        // Two processes starting together must not both create the table.
        tx.exec("SELECT pg_advisory_xact_lock(" + std::string(worker_class) + ", 0)");
        tx.exec(create_table);
        std::string values;
        for (std::size_t i = 0; i < targets.size(); ++i)
            values += std::string(values.empty() ? "" : ", ") + "(" + tx.quote(m_run) + ", " + std::to_string(i + 1) +
                      ", " + tx.quote(targets[i].name) + ", " + tx.quote(masked(targets[i].conninfo)) + ")";
        if (!values.empty())
            tx.exec("INSERT INTO retort_fleet (run_id, position, target, url) VALUES " + values +
                    " ON CONFLICT DO NOTHING");
        // What a gone worker left claimed or failed runs again: re-running the command resumes.
        tx.exec_params("UPDATE retort_fleet f SET status = 'pending', worker = NULL WHERE run_id = $1 AND status IN "
                       "('claimed', 'failed', 'unreachable') AND NOT " +
                           worker_alive,
                       m_run);
        tx.commit();
    } catch (const pqxx::sql_error& e) {
        throw control_error(e);
    }
}

coordinator::~coordinator() = default;

std::optional<std::size_t> coordinator::claim() {
    std::lock_guard<std::mutex> guard(m->lock);
    try {
        pqxx::work tx(m->control.native());
        auto rows = tx.exec_params(
            "UPDATE retort_fleet SET status = 'claimed', worker = $2, claimed_at = now() WHERE (run_id, target) = "
            "(SELECT run_id, target FROM retort_fleet f WHERE run_id = $1 AND (status = 'pending' OR (status = "
            "'claimed' AND NOT " +
                worker_alive + ")) ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING target",
            m_run, m->worker);
        tx.commit();
        if (rows.empty()) return std::nullopt;
        std::string name = rows[0][0].c_str();
        for (std::size_t i = 0; i < m_targets.size(); ++i)
            if (m_targets[i].name == name) return i;
        throw error("the control database's run " + m_run + " names a target '" + name + "' this runner was not given");
    } catch (const pqxx::sql_error& e) {
        throw control_error(e);
    }
}

void coordinator::finish(std::size_t index, const record& r) {
    std::lock_guard<std::mutex> guard(m->lock);
    try {
        pqxx::work tx(m->control.native());
        tx.exec_params("UPDATE retort_fleet SET status = $3, finished_at = now(), before = $4, after = $5, steps = $6, "
                       "duration_ms = $7, error_message = nullif($8, ''), error_sqlstate = nullif($9, '') WHERE run_id "
                       "= $1 AND target = $2",
                       m_run, m_targets[index].name, std::string(status_name(r.state)), joined(r.before),
                       joined(r.after), r.steps, r.duration_ms, r.error_message, r.error_sqlstate);
        tx.commit();
    } catch (const pqxx::sql_error& e) {
        throw control_error(e);
    }
}

std::vector<record> coordinator::records() {
    std::lock_guard<std::mutex> guard(m->lock);
    std::vector<record> out;
    try {
        pqxx::read_transaction tx(m->control.native());
        for (const auto& row : tx.exec_params(
                 "SELECT target, url, status, coalesce(before, ''), coalesce(after, ''), coalesce(steps, 0), "
                 "coalesce(duration_ms, 0), coalesce(error_message, ''), coalesce(error_sqlstate, '') FROM "
                 "retort_fleet WHERE run_id = $1 ORDER BY position",
                 m_run)) {
            record r;
            r.name = row[0].c_str();
            r.url = row[1].c_str();
            r.state = status_from(row[2].c_str());
            r.before = split(row[3].c_str());
            r.after = split(row[4].c_str());
            r.steps = row[5].as<int>();
            r.duration_ms = row[6].as<long long>();
            r.error_message = row[7].c_str();
            r.error_sqlstate = row[8].c_str();
            out.push_back(std::move(r));
        }
    } catch (const pqxx::sql_error& e) {
        throw control_error(e);
    }
    return out;
}

std::vector<run_status> fleet_status(const std::string& control_conninfo, const std::string& run) {
    std::vector<run_status> out;
    try {
        db::session control(control_conninfo);
        pqxx::read_transaction tx(control.native());
        if (!tx.exec1("SELECT to_regclass('retort_fleet') IS NOT NULL")[0].as<bool>()) return out;
        for (const auto& row : tx.exec_params(
                 "SELECT run_id, count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = "
                 "'claimed'), count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status = 'failed'), "
                 "count(*) FILTER (WHERE status = 'unreachable'), min(created_at)::text, "
                 "coalesce(max(finished_at), min(created_at))::text FROM retort_fleet WHERE $1 = '' OR run_id = $1 "
                 "GROUP BY run_id ORDER BY min(created_at) DESC",
                 run)) {
            run_status s;
            s.run = row[0].c_str();
            s.pending = row[1].as<std::size_t>();
            s.claimed = row[2].as<std::size_t>();
            s.ok = row[3].as<std::size_t>();
            s.failed = row[4].as<std::size_t>();
            s.unreachable = row[5].as<std::size_t>();
            s.started = row[6].c_str();
            s.updated = row[7].c_str();
            for (const auto& p : tx.exec_params("SELECT target, url, status, coalesce(error_message, ''), "
                                                "coalesce(error_sqlstate, '') FROM retort_fleet WHERE run_id = $1 AND "
                                                "status IN ('failed', 'unreachable') ORDER BY position",
                                                s.run)) {
                record r;
                r.name = p[0].c_str();
                r.url = p[1].c_str();
                r.state = status_from(p[2].c_str());
                r.error_message = p[3].c_str();
                r.error_sqlstate = p[4].c_str();
                s.problems.push_back(std::move(r));
            }
            out.push_back(std::move(s));
        }
    } catch (const pqxx::sql_error& e) {
        throw control_error(e);
    }
    return out;
}

}  // namespace retort::fleet
