#include "post_write.hpp"

#include "scanner.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace retort::gen {

namespace fs = std::filesystem;

namespace {
bool has_style_file(fs::path dir) {
    for (dir = fs::absolute(dir); ; dir = dir.parent_path()) {
        if (fs::exists(dir / ".clang-format") || fs::exists(dir / "_clang-format")) return true;
        if (dir == dir.root_path() || dir.parent_path() == dir) return false;
    }
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// `clang-format -i FILE`; false when it could not run or failed.
bool run_clang_format(const fs::path& file) {
    pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
        std::string path = file.string();
        char* argv[] = {const_cast<char*>("clang-format"), const_cast<char*>("-i"), path.data(), nullptr};
        ::execvp("clang-format", argv);
        ::_exit(127);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) < 0) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
}  // namespace

void format_if_configured(const fs::path& file, std::ostream& notes) {
    if (!has_style_file(file.parent_path())) return;
    std::string before = read(file);
    if (!run_clang_format(file)) {
        notes << "note: .clang-format found, but clang-format did not run; " << file.string() << " is unformatted\n";
        return;
    }
    auto expected = parse_revision_source(before, file.string());
    bool same = false;
    try {
        auto after = parse_revision_source(read(file), file.string());
        same = after.id == expected.id && after.parents == expected.parents && after.message == expected.message &&
               after.branch_labels == expected.branch_labels && after.depends_on == expected.depends_on;
    } catch (const scan_error&) {
    }
    if (!same) {
        std::ofstream(file, std::ios::binary | std::ios::trunc) << before;
        notes << "note: clang-format changed the header block of " << file.string()
              << "; kept the file unformatted (exclude the header comments from reflowing)\n";
    }
}

}  // namespace retort::gen
