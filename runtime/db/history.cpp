#include "db/history.hpp"

#include "core/errors.hpp"
#include "core/version.hpp"
#include "db/session.hpp"
#include "core/text.hpp"
#include "render/quoting.hpp"

#include <pqxx/pqxx>

namespace retort::db {

namespace {
constexpr const char* table_name = "retort_history";
constexpr const char* comment_prefix = "retort history schema ";

std::string comment_for(int version) { return std::string(comment_prefix) + std::to_string(version); }
}  // namespace

history::history(session& s, std::string schema, legacy_checksum_translation legacy)
    : m_session(s), m_schema(std::move(schema)), m_legacy(std::move(legacy)) {}

std::string history::current_form(int version, const std::string& revision, const std::string& recorded) const {
    if (version >= 3 || !m_legacy) return recorded;
    std::string today = m_legacy(revision, recorded);
    return today.empty() ? recorded : today;
}

std::string history::rewrite_legacy_checksums() {
    if (!m_legacy) return {};
    std::string sql;
    pqxx::read_transaction tx(m_session.native());
    for (const auto& row : tx.exec("SELECT DISTINCT revision, checksum FROM " + qualified_name() + " ORDER BY 1, 2")) {
        std::string revision = row[0].c_str(), recorded = row[1].c_str();
        std::string today = m_legacy(revision, recorded);
        if (!today.empty())
            sql += "UPDATE " + qualified_name() + " SET checksum = " + render::quote_literal(today) +
                   " WHERE revision = " + render::quote_literal(revision) +
                   " AND checksum = " + render::quote_literal(recorded) + "; ";
    }
    return sql;
}

std::string history::qualified_name() const { return render::qualified(m_schema, table_name); }

int history::schema_version() {
    try {
        pqxx::read_transaction tx(m_session.native());
        auto row = tx.exec_params1("SELECT to_regclass($1) IS NOT NULL, coalesce(obj_description(to_regclass($1), "
                                   "'pg_class'), '')",
                                   qualified_name());
        if (!row[0].as<bool>()) return 0;
        std::string comment = row[1].c_str();
        if (comment.rfind(comment_prefix, 0) != 0) return 1;
        return std::stoi(comment.substr(std::string(comment_prefix).size()));
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read " + qualified_name() + ": " + one_line(e.what()), e.sqlstate());
    } catch (const std::logic_error&) {
        throw error(qualified_name() + " has a comment Retort did not write; it should read '" +
                    comment_for(history_schema_version) + "'");
    }
}

void history::ensure() {
    int version = schema_version();
    if (version > history_schema_version)
        throw error(qualified_name() + " has schema " + std::to_string(version) + ", newer than this runner knows (" +
                    std::to_string(history_schema_version) + "); use a newer runner");
    if (version == history_schema_version) return;
    const std::string name = qualified_name();
    // One simple query: PostgreSQL runs its statements in one implicit transaction.
    std::string sql;
    if (version == 0)
        sql = "CREATE TABLE " + name +
              " (\n"
              "    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
              "    revision VARCHAR(32) NOT NULL,\n"
              "    direction VARCHAR(16) NOT NULL,\n"
              "    checksum CHAR(64) NOT NULL,\n"
              "    started_at TIMESTAMPTZ NOT NULL,\n"
              "    finished_at TIMESTAMPTZ NOT NULL,\n"
              "    duration_ms BIGINT NOT NULL,\n"
              "    db_user TEXT NOT NULL,\n"
              "    runner_version TEXT NOT NULL,\n"
              "    detail TEXT\n"
              "); ";
    if (version == 1)
        sql = "ALTER TABLE " + name + " ADD COLUMN runner_version TEXT NOT NULL DEFAULT 'before 0.1.0'; ALTER TABLE " +
              name + " ALTER COLUMN runner_version DROP DEFAULT; ";
    if (version == 1 || version == 2) sql += "ALTER TABLE " + name + " ADD COLUMN IF NOT EXISTS detail TEXT; ";
    if (version == 1 || version == 2) sql += rewrite_legacy_checksums();
    sql += "COMMENT ON TABLE " + name + " IS " + render::quote_literal(comment_for(history_schema_version));
    try {
        pqxx::nontransaction tx(m_session.native());
        tx.exec(sql);
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot create or upgrade " + name + ": " + one_line(e.what()), e.sqlstate());
    }
}

std::map<std::string, std::string> history::recorded_checksums() {
    std::map<std::string, std::string> out;
    int version = schema_version();
    if (version == 0) return out;
    pqxx::read_transaction tx(m_session.native());
    for (const auto& row : tx.exec("SELECT DISTINCT ON (revision) revision, checksum FROM " + qualified_name() +
                                   " WHERE direction IN ('upgrade', 'repair', 'stamp') ORDER BY revision, id DESC"))
        out[row[0].c_str()] = current_form(version, row[0].c_str(), row[1].c_str());
    return out;
}

std::map<std::string, std::string> history::applied_by_history() {
    std::map<std::string, std::string> out;
    int version = schema_version();
    if (version == 0) return out;
    pqxx::read_transaction tx(m_session.native());
    for (const auto& row : tx.exec("SELECT DISTINCT ON (revision) revision, direction, checksum FROM " +
                                   qualified_name() + " WHERE direction IN ('upgrade', 'repair', 'stamp', 'downgrade', 'unstamp') ORDER BY revision, id DESC"))
        if (std::string d = row[1].c_str(); d != "downgrade" && d != "unstamp")
            out[row[0].c_str()] = current_form(version, row[0].c_str(), row[2].c_str());
    return out;
}

render::statement history::row(const std::string& revision, const std::string& direction,
                               const std::string& checksum, const std::string& detail) const {
    using render::quote_literal;
    render::statement s;
    s.sql = "INSERT INTO " + qualified_name() +
            " (revision, direction, checksum, started_at, finished_at, duration_ms, db_user, runner_version, detail) "
            "VALUES (" +
            quote_literal(revision) + ", " + quote_literal(direction) + ", " + quote_literal(checksum) +
            ", now(), clock_timestamp(), (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, current_user, " +
            quote_literal(runner_version) + ", " + (detail.empty() ? std::string("NULL") : quote_literal(detail)) + ")";
    return s;
}

void history::record(const std::string& revision, const std::string& direction, const std::string& detail) {
    try {
        pqxx::nontransaction tx(m_session.native());
        tx.exec(row(revision, direction, "", detail).sql);
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot record in " + qualified_name() + ": " + one_line(e.what()), e.sqlstate());
    }
}

std::string history::pending_detail(const std::string& revision, const std::string& direction) {
    if (schema_version() < 3) return {};
    pqxx::read_transaction tx(m_session.native());
    auto r = tx.exec_params("SELECT detail FROM " + qualified_name() +
                                " WHERE revision = $1 AND direction = $2 AND id > coalesce((SELECT max(id) FROM " +
                                qualified_name() +
                                " WHERE revision = $1 AND direction IN ('upgrade', 'downgrade')), 0) "
                                "ORDER BY id DESC LIMIT 1",
                            revision, direction);
    return r.empty() || r[0][0].is_null() ? std::string() : r[0][0].as<std::string>();
}

}  // namespace retort::db
