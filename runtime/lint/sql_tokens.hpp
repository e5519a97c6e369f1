// A small SQL tokenizer for the linter: words upper-cased, quoted identifiers and string literals
// kept apart from them, so a column named "drop" never reads as a keyword.
#pragma once

#include <string>
#include <vector>

namespace retort::lint {

struct token {
    enum kind_t { word, quoted, literal, number, symbol } kind;
    std::string text;  ///< words upper-cased; quoted identifiers without their quotes
};

/// The statements of a text (split at top-level ';'), each as tokens; comments dropped.
std::vector<std::vector<token>> tokenize(const std::string& sql);

}  // namespace retort::lint
