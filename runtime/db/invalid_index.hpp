// A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind, and the same statement then
// fails on it ("already exists") or, with IF NOT EXISTS, silently keeps the unusable index.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace retort::db {

class session;

/// The index a CREATE [UNIQUE] INDEX CONCURRENTLY statement builds, as written; nullopt for other SQL.
std::optional<std::string> concurrent_index_name(const std::string& sql);

/// Drops `name` (DROP INDEX CONCURRENTLY) if it exists and is INVALID; says so to `notice`.
void drop_if_invalid(session& s, const std::string& name, const std::function<void(const std::string&)>& notice);

/// True if `name` exists and is INVALID.
bool is_invalid_index(session& s, const std::string& name);

}  // namespace retort::db
