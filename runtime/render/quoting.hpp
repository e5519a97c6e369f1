// PostgreSQL quoting without a connection (libpqxx's quote_name needs a live one, and
// `--sql` has none). The rules match SQLAlchemy's, so names come out as Alembic writes them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort::render {

/// `users` stays `users`; `User`, `order`, `2fa` and `a b` become `"User"`, `"order"`, `"2fa"`, `"a b"`.
std::string quote_identifier(std::string_view name);

/// `schema.name` when a schema is given, each part quoted as needed.
std::string qualified(std::string_view schema, std::string_view name);

/// A string literal: `'it''s'`. Backslashes are left alone, so it is exact only under
/// `literal_setting`, which every connection and every `--sql` script sets first.
std::string quote_literal(std::string_view text);

/// The session setting quote_literal relies on (`SET` + this).
inline constexpr const char* literal_setting = "standard_conforming_strings = on";

/// `a, b, c` with each name quoted as needed.
std::string identifier_list(const std::vector<std::string>& names);

}  // namespace retort::render
