#include "db/backfill.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"
#include "render/quoting.hpp"

#include <pqxx/pqxx>

#include <chrono>
#include <thread>

namespace retort::db {

long long run_backfill(session& s, const op::backfill& b, const backfill_run& run) {
    const std::string table = render::qualified(b.schema, b.table);
    const std::string key = render::quote_identifier(b.key);
    const std::string limit = std::to_string(b.batch_rows);
    const std::string where = b.where_sql.empty() ? "" : " AND (" + b.where_sql + ")";
    // The next batch's last key: the key range is walked in order whether or not rows match, so a
    // batch never reads more than batch_rows entries of the key's index. $1 takes the key's type.
    auto next_last = [&](bool first) {
        return "SELECT max(k)::text FROM (SELECT " + key + " AS k FROM " + table +
               (first ? "" : " WHERE " + key + " > $1") + " ORDER BY " + key + " LIMIT " + limit + ") batch";
    };
    auto update = [&](bool first) {
        return "UPDATE " + table + " SET " + b.set_sql + " WHERE " + key + " <= $1" +
               (first ? "" : " AND " + key + " > $2") + where;
    };
    backfill_batch batch;
    std::string after = run.resume_after;
    for (;;) {
        const long long number = batch.number + 1;
        try {
            pqxx::work tx(s.native());
            for (const auto& sql : run.preamble) tx.exec(sql);
            const bool first = after.empty();
            auto last = first ? tx.exec1(next_last(true))[0] : tx.exec_params1(next_last(false), after)[0];
            if (last.is_null()) {
                tx.commit();
                return batch.total_rows;
            }
            batch.number = number;
            batch.last_key = last.as<std::string>();
            auto changed = first ? tx.exec_params(update(true), batch.last_key)
                                 : tx.exec_params(update(false), batch.last_key, after);
            batch.rows = changed.affected_rows();
            batch.total_rows += batch.rows;
            if (run.journal) tx.exec(run.journal(batch));
            tx.commit();
        } catch (const pqxx::sql_error& e) {
            throw database_error("backfill of " + table + " failed in batch " + std::to_string(number) +
                                     (after.empty() ? std::string(" (the first)")
                                                    : " (after " + b.key + " " + after + "; the batches before it are committed)") +
                                     ": " + one_line(e.what()),
                                 e.sqlstate());
        }
        after = batch.last_key;
        if (run.progress) run.progress(batch);
        if (b.pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(b.pause_ms));
    }
}

}  // namespace retort::db
