// The checksum of a revision: SHA-256 over the canonical text of the operations its upgrade() and
// downgrade() record (not over rendered SQL, so a renderer change in a new Retort release leaves
// applied revisions unmodified).
#pragma once

#include <retort/migration.hpp>

#include <string>
#include <string_view>

namespace retort {

/// Lower-case hex SHA-256 of `data` (OpenSSL libcrypto).
std::string sha256_hex(std::string_view data);

/// The checksum of a compiled revision; throws retort::error naming `id` if a body throws.
std::string revision_checksum(const std::string& id, const revision_body& body);

}  // namespace retort
