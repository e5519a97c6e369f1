// The lock table (runtime/locks) against the server: every catalogue example runs in a
// transaction on the fixture; the locks it then holds (pg_locks), whether the table got a new file
// (pg_relation_filenode: a rewrite) and whether it was read (pg_stat_xact_user_tables.seq_scan: a
// scan) must be what the facts say, after the live refinements (runtime/db/live_facts).
#include "postgres.hpp"

#include "db/live_facts.hpp"
#include "db/open.hpp"
#include "db/session.hpp"
#include "locks/catalogue.hpp"
#include "plan/program.hpp"
#include "render/postgres.hpp"

#include <pqxx/pqxx>

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <thread>

using namespace retort;
using retort::test::scratch_database;

namespace {

std::string qualified(const locks::table_lock& t) {
    return t.schema.empty() ? "\"" + t.table + "\"" : "\"" + t.schema + "\".\"" + t.table + "\"";
}

/// The relation's OID, or 0 when it does not exist (yet).
long long oid_of(pqxx::transaction_base& tx, const locks::table_lock& t) {
    auto r = tx.exec_params1("SELECT coalesce(to_regclass($1)::oid::bigint, 0)", qualified(t));
    return r[0].as<long long>();
}

locks::level held(pqxx::transaction_base& tx, long long oid) {
    locks::level out = locks::level::none;
    for (auto row : tx.exec_params("SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
                                   "AND granted AND relation = $1::bigint::oid",
                                   oid))
        out = std::max(out, locks::level_of_pg_locks_mode(row[0].as<std::string>()));
    return out;
}

std::string filenode(pqxx::transaction_base& tx, long long oid) {
    auto r = tx.exec_params1("SELECT coalesce(pg_relation_filenode($1::bigint::oid)::text, '')", oid);
    return r[0].as<std::string>();
}

long long seq_scans(pqxx::transaction_base& tx, long long oid) {
    auto r = tx.exec_params("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = $1::bigint::oid", oid);
    return r.empty() ? -1 : r[0][0].as<long long>();
}

void reset_fixture(pqxx::connection& c, const locks::example& e) {
    pqxx::nontransaction tx(c);
    tx.exec("DROP SCHEMA public CASCADE");
    tx.exec("CREATE SCHEMA public");
    tx.exec(locks::fixture_sql());
    if (e.empty_table) tx.exec("TRUNCATE accounts");
    if (!e.setup.empty()) tx.exec(e.setup);
}

}  // namespace

TEST_CASE("every catalogue example takes the locks and does the work its facts say, on the server") {
    scratch_database db("srv_lock_facts");
    pqxx::connection c(db.url());
    auto opened = db::open({db.url(), {}}, {});
    db::session& live = *opened.db;
    int checked = 0;
    for (const auto& e : locks::catalogue()) {
        auto blocks = plan::group_statements(render::render(record(e.record)), {});
        bool transactional = true;
        for (const auto& b : blocks)
            for (const auto& s : b.statements)
                transactional = transactional && b.transactional && locks::facts(s).certain;
        if (!transactional) continue;  // concurrent statements: the next test; uncertain ones: nothing to check
        reset_fixture(c, e);
        for (const auto& block : blocks) {  // a safe recipe's steps commit one by one, as they run
            std::vector<locks::statement_facts> facts;
            for (const auto& s : block.statements) {
                facts.push_back(locks::facts(s));
                db::refine(live, facts.back());  // the catalog as the block starts, like the planner's
            }
            pqxx::work tx(c);
            std::map<std::string, locks::level> expected;  // the strongest so far, per table
            for (std::size_t k = 0; k < block.statements.size(); ++k) {
                const auto& f = facts[k];
                const auto& sql = block.statements[k].sql;
                INFO(e.operation, " ", e.option, ": ", sql);
                std::vector<long long> oids;
                for (const auto& t : f.tables) oids.push_back(oid_of(tx, t));
                long long own = oids.empty() ? 0 : oids.front();
                std::string node_before = own ? filenode(tx, own) : "";
                long long scans_before = own ? seq_scans(tx, own) : -1;
                tx.exec(sql);
                for (std::size_t i = 0; i < f.tables.size(); ++i) {
                    if (!oids[i]) oids[i] = oid_of(tx, f.tables[i]);  // a table the statement created
                    auto& want = expected[qualified(f.tables[i])];
                    want = std::max(want, f.tables[i].mode);
                    CHECK_MESSAGE(std::string(locks::name(held(tx, oids[i]))) == std::string(locks::name(want)),
                                  f.tables[i].table);
                }
                if (own && !node_before.empty()) {
                    std::string node_after = filenode(tx, own);
                    if (!node_after.empty()) CHECK((node_after != node_before) == (f.work == locks::cost::rewrite));
                }
                long long scans_after = own ? seq_scans(tx, own) : -1;
                if (scans_before >= 0 && scans_after >= 0 && f.work != locks::cost::rewrite &&
                    f.work != locks::cost::rows)
                    CHECK((scans_after > scans_before) == (f.work == locks::cost::scan));
            }
            tx.commit();
        }
        ++checked;
    }
    CHECK(checked >= 40);
}

TEST_CASE("the live catalog refines SET NOT NULL and binary-coercible type changes") {
    scratch_database db("srv_lock_refine");
    {
        pqxx::connection c(db.url());
        pqxx::nontransaction tx(c);
        tx.exec(locks::fixture_sql());
        tx.exec("ALTER TABLE accounts ADD CONSTRAINT ck_email CHECK (email IS NOT NULL)");
    }
    auto opened = db::open({db.url(), {}}, {});
    db::session& live = *opened.db;
    auto refined = [&](const std::string& sql) {
        auto f = locks::classify_sql(sql);
        db::refine(live, f);
        return std::string(locks::name(f.work));
    };
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN email SET NOT NULL") == "catalog-only");
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN note SET NOT NULL") == "scan");
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN note TYPE TEXT") == "catalog-only");
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN note TYPE VARCHAR(40)") == "catalog-only");
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN note TYPE VARCHAR(10)") == "rewrite");
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN amount TYPE BIGINT") == "rewrite");
    CHECK(refined("ALTER TABLE accounts ALTER COLUMN email TYPE TEXT USING lower(email)") == "rewrite");
    auto dropped = locks::classify_sql("DROP INDEX ix_accounts_email");
    db::refine(live, dropped);
    CHECK(dropped.tables.front().table == "accounts");
}

TEST_CASE("concurrent index statements hold SHARE UPDATE EXCLUSIVE while they wait for a writer") {
    scratch_database db("srv_lock_concurrent");
    pqxx::connection writer(db.url());
    {
        pqxx::nontransaction tx(writer);
        tx.exec(locks::fixture_sql());
    }
    for (const char* sql : {"CREATE INDEX CONCURRENTLY ix_accounts_amount ON accounts (amount)",
                            "DROP INDEX CONCURRENTLY ix_accounts_email"}) {
        INFO(sql);
        auto expected = locks::classify_sql(sql).strongest();
        pqxx::work open_write(writer);
        open_write.exec("UPDATE accounts SET amount = amount WHERE id = 1");
        pqxx::connection ddl(db.url());
        int ddl_pid = ddl.backendpid();
        std::thread runner([&ddl, sql] {
            pqxx::nontransaction tx(ddl);
            tx.exec(sql);
        });
        pqxx::connection monitor(db.url());
        locks::level seen = locks::level::none;
        for (int i = 0; i < 100 && seen == locks::level::none; ++i) {
            pqxx::nontransaction m(monitor);
            for (auto row : m.exec_params("SELECT mode FROM pg_locks WHERE pid = $1 AND granted AND relation = "
                                          "'accounts'::regclass",
                                          ddl_pid))
                seen = std::max(seen, locks::level_of_pg_locks_mode(row[0].as<std::string>()));
            if (seen == locks::level::none) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        open_write.commit();
        runner.join();
        CHECK(std::string(locks::name(seen)) == locks::name(expected));
    }
}
