#include "scanner.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace retort::gen {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::vector<std::string> split_list(std::string_view value) {
    std::vector<std::string> out;
    std::string word;
    for (char c : value) {
        if (c == ',' || c == ' ' || c == '\t') {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

[[noreturn]] void fail(const std::string& path, int line, const std::string& what) {
    throw scan_error(path + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

bool valid_revision_id(std::string_view id) {
    if (id.empty() || id.size() > 32) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string symbol_for(std::string_view id) {
    std::string out;
    for (char c : id) out += c == '-' ? std::string("_0_") : std::string(1, c);
    return out;
}

revision_header parse_revision_source(std::string_view text, const std::string& path) {
    revision_header h;
    h.path = path;
    bool seen_revision = false, seen_parents = false;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        ++line_no;

        if (line.rfind("RETORT_REVISION(", 0) == 0) {
            auto close = line.find(')');
            if (close == std::string_view::npos) fail(path, line_no, "RETORT_REVISION( has no closing parenthesis");
            std::string symbol(trim(line.substr(16, close - 16)));
            if (!seen_revision) fail(path, line_no, "RETORT_REVISION comes before a '// revision: ID' line");
            if (symbol != symbol_for(h.id))
                fail(path, line_no, "RETORT_REVISION(" + symbol + ") does not match the header's revision " + h.id +
                                        " (expected RETORT_REVISION(" + symbol_for(h.id) + "))");
            if (!seen_parents) fail(path, line_no, "the header block has no '// parents:' line");
            h.macro_line = line_no;
            return h;
        }
        if (line.rfind("//", 0) != 0) continue;
        std::string_view body = trim(line.substr(2));
        auto colon = body.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = trim(body.substr(0, colon));
        std::string_view value = trim(body.substr(colon + 1));
        if (key == "revision") {
            if (seen_revision) fail(path, line_no, "a second '// revision:' line");
            if (!valid_revision_id(value))
                fail(path, line_no, "'" + std::string(value) +
                                        "' is not a valid revision ID (letters, digits, '_' or '-', at most 32)");
            h.id = std::string(value);
            seen_revision = true;
        } else if (!seen_revision) {
            continue;  // comments above the header block are the author's own
        } else if (key == "parents") {
            h.parents = split_list(value);
            seen_parents = true;
        } else if (key == "branch_labels") {
            h.branch_labels = split_list(value);
        } else if (key == "depends_on") {
            h.depends_on = split_list(value);
        } else if (key == "created") {
            h.created = std::string(value);
        } else if (key == "message") {
            h.message = std::string(value);
        }
    }
    fail(path, line_no, "no RETORT_REVISION(...) line; is this a revision file?");
}

std::vector<revision_header> scan_directory(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw scan_error(dir + ": no such migrations folder");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".cpp") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<revision_header> out;
    out.reserve(files.size());
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        if (!in) throw scan_error(f.string() + ": cannot read");
        std::stringstream buffer;
        buffer << in.rdbuf();
        out.push_back(parse_revision_source(buffer.str(), f.string()));
    }
    return out;
}

}  // namespace retort::gen
