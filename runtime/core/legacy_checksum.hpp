// The checksum as Retort 0.1.0 took it (retort_history schema 1 and 2): over a canonical text of
// enum ordinals and every field, even at its default. Kept only so that a newer runner can
// recognise those recorded checksums and rewrite them in today's form (db/history.hpp).
#pragma once

#include <retort/migration.hpp>

#include <optional>
#include <string>

namespace retort {

/// The legacy checksum of a compiled revision; none when it uses an operation the legacy form
/// did not know (no such revision can have been recorded in that form) or when its body throws.
std::optional<std::string> legacy_revision_checksum(const revision_body& body);

}  // namespace retort
