// Operations -> PostgreSQL SQL. A pure function: the online runner and `--sql` both print
// exactly what this returns.
#pragma once

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::render {

struct statement {
    std::string sql;           ///< one statement, without the trailing semicolon
    bool autocommit = false;   ///< PostgreSQL refuses it inside a transaction block
};

std::string render_type(const Type& type);
std::vector<statement> render(const op::operation& operation);
std::vector<statement> render(const std::vector<op::operation>& operations);

}  // namespace retort::render
