// Operations -> PostgreSQL SQL. A pure function: the online runner and `--sql` both print
// exactly what this returns.
#pragma once

#include <retort/operations.hpp>

#include <optional>
#include <string>
#include <vector>

namespace retort::render {

struct statement {
    std::string sql;           ///< one statement, without the trailing semicolon
    bool autocommit = false;   ///< PostgreSQL refuses it inside a transaction block, or the revision asked
    std::vector<value> params = {};  ///< bound to $1, $2... online; inlined as literals by --sql
    void (*code)(connection&) = nullptr;  ///< op.run_code: C++ to run instead of `sql`
    bool raw = false;          ///< op.execute's own text: it may hold several statements
    bool own_transaction = false;  ///< a step of a safe recipe: what came before commits first
    std::optional<op::backfill> backfill = std::nullopt;  ///< op.backfill: runs in batches; `sql` describes it
};

std::string render_type(const Type& type);
/// A value as an SQL literal: 'text', 42, true, NULL, or the SQL text itself.
std::string literal(const value& v);
/// The statement as --sql prints it: parameters replaced by their literals.
std::string offline_text(const statement& s);
std::vector<statement> render(const op::operation& operation);
std::vector<statement> render(const std::vector<op::operation>& operations);

}  // namespace retort::render
