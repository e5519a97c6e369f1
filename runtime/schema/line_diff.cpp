#include "schema/line_diff.hpp"

#include <algorithm>
#include <cstdint>

namespace retort::schema {

namespace {
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

std::vector<std::string> line_diff(const std::string& before, const std::string& after) {
    auto a = lines_of(before), b = lines_of(after);
    // Common head and tail first: a schema file usually changes in a few places.
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
    // Longest common subsequence of the middle, lengths from the end.
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[at(i, j)] = a[head + i] == b[head + j] ? lcs[at(i + 1, j + 1)] + 1
                                                       : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    std::vector<std::string> out;
    bool in_group = false;
    std::size_t i = 0, j = 0;
    auto open_group = [&] {
        if (!in_group) out.push_back("@@ line " + std::to_string(head + i + 1) + " @@");
        in_group = true;
    };
    while (i < n || j < m) {
        if (i < n && j < m && a[head + i] == b[head + j]) {
            in_group = false;
            ++i, ++j;
        } else if (j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)])) {
            open_group();
            out.push_back("+" + b[head + j++]);
        } else {
            open_group();
            out.push_back("-" + a[head + i++]);
        }
    }
    if (out.empty() && before != after) out.push_back("@@ the texts differ only in line endings or the final newline @@");
    return out;
}

}  // namespace retort::schema
