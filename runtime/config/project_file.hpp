// retort.ini: a project's settings file, found from the working directory upward (as git finds
// .git), so mkrev and the runner work from any subfolder of the project. Standard library only:
// mkrev links it without libpqxx or Boost.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace retort::config {

/// The file's name, looked for in each folder from the start upward.
inline constexpr const char* file_name = "retort.ini";

/// One `key = value` line of the [retort] section.
struct entry {
    std::string key, value;
    int line = 0;
};

struct project_file {
    std::filesystem::path path;  ///< absolute
    std::vector<entry> entries;

    /// The value of `key`, if the file sets it (the last line wins, as in alembic.ini).
    std::optional<entry> find(const std::string& key) const;
    /// Folder the file lives in: relative paths in the file are relative to it.
    std::filesystem::path folder() const { return path.parent_path(); }
};

/// The nearest retort.ini in `start` or a parent folder, if any.
std::optional<std::filesystem::path> find_project_file(const std::filesystem::path& start);

/// Reads and checks a file: unknown sections or keys and malformed lines are errors naming
/// file:line (a misspelt key silently ignored would be worse). Throws retort::usage_error.
project_file read_project_file(const std::filesystem::path& path);

/// The keys a retort.ini may set, in the order `runner config` prints them.
const std::vector<std::string>& known_keys();

}  // namespace retort::config
