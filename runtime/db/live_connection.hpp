// retort::connection (what op.run_code functions see) over a libpqxx transaction, and the one
// place a rendered statement with bound parameters or C++ code is executed.
#pragma once

#include "render/postgres.hpp"

#include <pqxx/transaction_base>

namespace retort::db {

class live_connection final : public connection {
public:
    explicit live_connection(pqxx::transaction_base& tx) : m_tx(tx) {}
    std::vector<std::vector<field>> query(const std::string& sql, const values& params = {}) override;
    long long execute(const std::string& sql, const values& params = {}) override;

private:
    pqxx::transaction_base& m_tx;
};

/// Runs one statement in `tx`: its C++ code, or its SQL with its parameters bound.
void execute_statement(pqxx::transaction_base& tx, const render::statement& s);

}  // namespace retort::db
