// Reads a database's schema into the model: pg_catalog only (never a table's rows), one query per
// object kind, all in one read-only repeatable-read transaction so the kinds agree with each other.
#pragma once

#include "schema/model.hpp"

#include <vector>

namespace retort::db {
class session;
}

namespace retort::schema {

struct read_options {
    /// Tables left out with everything on them (Retort's version and history tables). An empty
    /// schema matches the name in every schema.
    std::vector<qualified_name> skip_tables;
};

/// Everything outside the system schemas and outside extensions. Throws database_error.
schema read_schema(db::session& s, const read_options& options);

}  // namespace retort::schema
