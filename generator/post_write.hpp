// After mkrev writes a revision: the project's own formatting (Alembic's post-write hooks).
#pragma once

#include <filesystem>
#include <ostream>

namespace retort::gen {

/// Runs `clang-format -i` on the new file when a .clang-format sits in its folder or above, and
/// keeps the result only if the header block still reads the same (a reflowed comment would hide
/// the revision from the build). Says on `notes` when formatting was wanted but could not happen.
void format_if_configured(const std::filesystem::path& file, std::ostream& notes);

}  // namespace retort::gen
