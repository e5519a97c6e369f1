#include "config/project_file.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <fstream>

namespace retort::config {

namespace fs = std::filesystem;

namespace {
std::string trim(const std::string& s) {
    auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}
/// "10s   # why" -> "10s": a comment after a value starts with whitespace and # or ;.
std::string without_comment(const std::string& value) {
    for (std::size_t i = 1; i < value.size(); ++i)
        if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t'))
            return value.substr(0, i);
    return value;
}
}  // namespace

const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> keys = {
        "url", "url_env", "migrations", "version_table", "version_table_schema",
        "lock_timeout", "statement_timeout", "lock_wait", "transaction_mode", "max_lock_rows", "blocker_wait",
        "terminate_blockers_after",
    };
    return keys;
}

std::optional<entry> project_file::find(const std::string& key) const {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)
        if (it->key == key) return *it;
    return std::nullopt;
}

std::optional<fs::path> find_project_file(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) return std::nullopt;
    for (;;) {
        fs::path candidate = dir / file_name;
        if (fs::is_regular_file(candidate, ec)) return candidate;
        if (dir == dir.root_path() || !dir.has_parent_path()) return std::nullopt;
        dir = dir.parent_path();
    }
}

project_file read_project_file(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw usage_error("cannot read the configuration file " + path.string());
    project_file file{fs::absolute(path), {}};
    std::string raw, section;
    int number = 0;
    auto where = [&] { return path.string() + ":" + std::to_string(number) + ": "; };
    while (std::getline(in, raw)) {
        ++number;
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']') throw usage_error(where() + "a section header needs a closing ']'");
            section = trim(line.substr(1, line.size() - 2));
            if (section != "retort")
                throw usage_error(where() + "unknown section [" + section + "]; settings go under [retort]");
            continue;
        }
        auto eq = line.find('=');
        if (eq == std::string::npos) throw usage_error(where() + "expected 'key = value'");
        if (section.empty()) throw usage_error(where() + "settings go under a [retort] section header");
        std::string key = trim(line.substr(0, eq));
        const auto& keys = known_keys();
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            throw usage_error(where() + "unknown setting '" + key + "'");
        file.entries.push_back({key, trim(without_comment(line.substr(eq + 1))), number});
    }
    return file;
}

}  // namespace retort::config
