// "did you mean ...?" for a misspelled command, target or rule name. Header-only, so the graph
// library (shared with the build-time generator) can use it without linking the runtime.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace retort {

/// Edits (insert, delete, replace, swap two neighbours) between two words.
inline std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

/// "; did you mean 'upgrade'?" when one candidate is clearly closest (a third of the word's
/// letters or fewer changed, at most 2), otherwise "".
inline std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::size_t limit = std::min<std::size_t>(2, std::max<std::size_t>(1, word.size() / 3));
    std::string best;
    std::size_t best_distance = limit + 1;
    bool tie = false;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best = c;
            best_distance = d;
            tie = false;
        } else if (d == best_distance && c != best) {
            tie = true;
        }
    }
    if (best.empty() || tie) return "";
    return "; did you mean '" + best + "'?";
}

}  // namespace retort
