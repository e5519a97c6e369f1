#include "core/redact.hpp"

#include <algorithm>
#include <mutex>
#include <cctype>
#include <utility>
#include <vector>

namespace retort {

namespace {
// One registry for the process: migrators on several threads (a fleet) register and redact at once.
std::mutex& secrets_mutex() {
    static std::mutex m;
    return m;
}

std::vector<std::string>& secrets() {
    static std::vector<std::string> list;
    return list;
}

std::vector<std::pair<std::string, std::string>>& connection_strings() {
    static std::vector<std::pair<std::string, std::string>> list;
    return list;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// Every occurrence of `what` that is not part of a longer word becomes `with`.
void replace_words(std::string& text, const std::string& what, const std::string& with) {
    std::size_t pos = 0;
    while ((pos = text.find(what, pos)) != std::string::npos) {
        std::size_t end = pos + what.size();
        bool whole = (pos == 0 || !is_word_char(text[pos - 1]) || !is_word_char(what.front())) &&
                     (end == text.size() || !is_word_char(text[end]) || !is_word_char(what.back()));
        if (!whole) {
            ++pos;
            continue;
        }
        text.replace(pos, what.size(), with);
        pos += with.size();
    }
}

/// postgresql://user:secret@host -> postgresql://user:***@host (a password may hold '@' or '/':
/// the userinfo ends at the last '@' before the next blank).
void mask_url_passwords(std::string& text) {
    std::size_t from = 0;
    while ((from = text.find("://", from)) != std::string::npos) {
        std::size_t start = from + 3;
        std::size_t end = std::min(text.find_first_of(" \t\n\"", start), text.size());
        std::size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
        std::size_t colon = text.find(':', start);
        if (at != std::string::npos && at >= start && colon < at) text.replace(colon + 1, at - colon - 1, "***");
        from = start;
    }
}

/// key=value connection strings: password=secret, password = 'se cret' -> password=***, password = ***
void mask_keyword_passwords(std::string& text) {
    const std::string key = "password";
    std::size_t from = 0;
    while ((from = text.find(key, from)) != std::string::npos) {
        std::size_t p = from + key.size();
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
        if (p >= text.size() || text[p] != '=') {
            from += key.size();
            continue;
        }
        ++p;
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
        std::size_t start = p, end = p;
        if (end < text.size() && text[end] == '\'') {
            for (++end; end < text.size() && text[end] != '\''; ++end)
                if (text[end] == '\\') ++end;
            end = std::min(end + 1, text.size());
        } else {
            end = std::min(text.find_first_of(" \t\n&", start), text.size());
        }
        text.replace(start, end - start, "***");
        from = start + 3;
    }
}
}  // namespace

void register_secret(const std::string& secret) {
    if (secret.empty()) return;
    std::lock_guard<std::mutex> hold(secrets_mutex());
    if (std::find(secrets().begin(), secrets().end(), secret) == secrets().end()) secrets().push_back(secret);
}

void register_connection_string(const std::string& raw, const std::string& masked) {
    if (raw.empty() || raw == masked) return;
    std::lock_guard<std::mutex> hold(secrets_mutex());
    connection_strings().emplace_back(raw, masked);
    // Longest first, so a string that contains another is masked as a whole.
    std::stable_sort(connection_strings().begin(), connection_strings().end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string redact(std::string text) {
    std::lock_guard<std::mutex> hold(secrets_mutex());
    for (const auto& [raw, masked] : connection_strings()) {
        std::size_t pos = 0;
        while ((pos = text.find(raw, pos)) != std::string::npos) {
            text.replace(pos, raw.size(), masked);
            pos += masked.size();
        }
    }
    for (const auto& s : secrets()) replace_words(text, s, "***");
    mask_url_passwords(text);
    mask_keyword_passwords(text);
    return text;
}

}  // namespace retort
