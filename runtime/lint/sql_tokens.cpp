#include "lint/sql_tokens.hpp"

#include <cctype>

namespace retort::lint {

namespace {
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

/// Skips a quoted run starting at text[i] (the quote), doubling as the escape; returns its body.
std::string quoted_run(const std::string& text, std::size_t& i, char quote) {
    std::string body;
    for (++i; i < text.size(); ++i) {
        if (text[i] == quote) {
            if (i + 1 < text.size() && text[i + 1] == quote) {
                body += quote;
                ++i;
                continue;
            }
            ++i;
            break;
        }
        body += text[i];
    }
    return body;
}
}  // namespace

bool is_word(const std::vector<token>& t, std::size_t i, const char* w) {
    return i < t.size() && t[i].kind == token::word && t[i].text == w;
}

bool has_word(const std::vector<token>& t, const char* w) {
    for (const auto& k : t)
        if (k.kind == token::word && k.text == w) return true;
    return false;
}

bool has_sequence(const std::vector<token>& t, std::initializer_list<const char*> words) {
    for (std::size_t i = 0; i + words.size() <= t.size(); ++i) {
        std::size_t j = 0;
        for (const char* w : words) {
            if (!is_word(t, i + j, w)) break;
            ++j;
        }
        if (j == words.size()) return true;
    }
    return false;
}

void skip_words(const std::vector<token>& t, std::size_t& i, std::initializer_list<const char*> words) {
    for (bool moved = true; moved;) {
        moved = false;
        for (const char* w : words)
            if (is_word(t, i, w)) {
                ++i;
                moved = true;
            }
    }
}

std::vector<std::vector<token>> split_commas(const std::vector<token>& t, std::size_t from) {
    std::vector<std::vector<token>> out(1);
    int depth = 0;
    for (std::size_t i = from; i < t.size(); ++i) {
        if (t[i].kind == token::symbol) {
            if (t[i].text == "(") ++depth;
            if (t[i].text == ")") --depth;
            if (t[i].text == "," && depth == 0) {
                out.emplace_back();
                continue;
            }
        }
        out.back().push_back(t[i]);
    }
    return out;
}

std::vector<std::vector<token>> tokenize(const std::string& sql) {
    std::vector<std::vector<token>> out(1);
    std::size_t i = 0;
    while (i < sql.size()) {
        char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            auto end = sql.find("*/", i + 2);
            i = end == std::string::npos ? sql.size() : end + 2;
        } else if (c == '\'') {
            out.back().push_back({token::literal, quoted_run(sql, i, '\'')});
        } else if (c == '"') {
            out.back().push_back({token::quoted, quoted_run(sql, i, '"')});
        } else if (c == '$' && i + 1 < sql.size() && (sql[i + 1] == '$' || std::isalpha(static_cast<unsigned char>(sql[i + 1])))) {
            // Dollar quoting: $tag$ ... $tag$ (a function body) is one literal.
            auto close = sql.find('$', i + 1);
            if (close == std::string::npos) {
                ++i;
                continue;
            }
            std::string tag = sql.substr(i, close - i + 1);
            auto end = sql.find(tag, close + 1);
            std::size_t stop = end == std::string::npos ? sql.size() : end + tag.size();
            out.back().push_back({token::literal, sql.substr(close + 1, (end == std::string::npos ? sql.size() : end) - close - 1)});
            i = stop;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t start = i;
            while (i < sql.size() && (std::isdigit(static_cast<unsigned char>(sql[i])) || sql[i] == '.')) ++i;
            out.back().push_back({token::number, sql.substr(start, i - start)});
        } else if (word_char(c)) {
            std::string w;
            while (i < sql.size() && word_char(sql[i]))
                w += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
            out.back().push_back({token::word, w});
        } else if (c == ';') {
            if (!out.back().empty()) out.emplace_back();
            ++i;
        } else {
            out.back().push_back({token::symbol, std::string(1, c)});
            ++i;
        }
    }
    if (out.back().empty()) out.pop_back();
    return out;
}

}  // namespace retort::lint
