#include "db/live_connection.hpp"

#include <pqxx/pqxx>

namespace retort::db {

namespace {
/// Parameters as libpq takes them: text, or a null pointer for NULL.
pqxx::result run(pqxx::transaction_base& tx, const std::string& sql, const std::vector<value>& params) {
    if (params.empty()) return tx.exec(sql);
    std::vector<const char*> texts;
    texts.reserve(params.size());
    for (const auto& p : params) texts.push_back(p.kind == value::kind_t::null ? nullptr : p.text.c_str());
    return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(texts));
}
}  // namespace

std::vector<std::vector<field>> live_connection::query(const std::string& sql, const values& params) {
    std::vector<std::vector<field>> rows;
    for (const auto& r : run(m_tx, sql, params.items)) {
        std::vector<field> row;
        for (const auto& f : r) row.push_back({f.is_null() ? std::string() : f.c_str(), f.is_null()});
        rows.push_back(std::move(row));
    }
    return rows;
}

long long live_connection::execute(const std::string& sql, const values& params) {
    return static_cast<long long>(run(m_tx, sql, params.items).affected_rows());
}

void execute_statement(pqxx::transaction_base& tx, const render::statement& s) {
    if (s.code) {
        live_connection c(tx);
        s.code(c);
        return;
    }
    run(tx, s.sql, s.params);
}

}  // namespace retort::db
