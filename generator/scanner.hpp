// Reads the header block of revision source files: the one place graph facts are written down.
// Shared by mkrev and the build step that generates the registry.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace retort::gen {

/// The graph facts a revision file states in its header block.
struct revision_header {
    std::string id;
    std::vector<std::string> parents;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string created;
    std::string message;
    std::string path;
    int macro_line = 0;  ///< line of RETORT_REVISION(...)
};

/// "file:line: what is wrong".
class scan_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Parses one file's text. Throws scan_error naming the file and line.
revision_header parse_revision_source(std::string_view text, const std::string& path);

/// Every *.cpp file of `dir` (not recursive), sorted by file name.
std::vector<revision_header> scan_directory(const std::string& dir);

/// The C++ identifier suffix RETORT_REVISION(...) takes for a revision ID.
std::string symbol_for(std::string_view id);

/// True for IDs Retort accepts: letters, digits, '_' and '-', at most 32 characters (varchar(32)).
bool valid_revision_id(std::string_view id);

}  // namespace retort::gen
