// A small SQL tokenizer for the linter: words upper-cased, quoted identifiers and string literals
// kept apart from them, so a column named "drop" never reads as a keyword.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace retort::lint {

struct token {
    enum kind_t { word, quoted, literal, number, symbol } kind;
    std::string text;  ///< words upper-cased; quoted identifiers without their quotes
};

/// t[i] is the (upper-cased) word w.
bool is_word(const std::vector<token>& t, std::size_t i, const char* w);
/// Some token of t is the word w.
bool has_word(const std::vector<token>& t, const char* w);
/// The words follow each other somewhere in t.
bool has_sequence(const std::vector<token>& t, std::initializer_list<const char*> words);

/// Moves i past any of `words`, in any order and repeated ("IF NOT EXISTS", "ONLY").
void skip_words(const std::vector<token>& t, std::size_t& i, std::initializer_list<const char*> words);
/// t from `from` on, split at top-level commas (ALTER TABLE's actions, DROP TABLE's names).
std::vector<std::vector<token>> split_commas(const std::vector<token>& t, std::size_t from);

/// The statements of a text (split at top-level ';'), each as tokens; comments dropped.
std::vector<std::vector<token>> tokenize(const std::string& sql);

}  // namespace retort::lint
