#include "core/redact.hpp"

#include <algorithm>
#include <mutex>
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

/// postgresql://user:secret@host -> postgresql://user:***@host
void mask_url_passwords(std::string& text) {
    std::size_t from = 0;
    while ((from = text.find("://", from)) != std::string::npos) {
        std::size_t start = from + 3;
        std::size_t at = text.find('@', start);
        std::size_t end = text.find_first_of(" /\t\n'\"", start);
        if (at == std::string::npos || (end != std::string::npos && end < at)) {
            from = start;
            continue;
        }
        std::size_t colon = text.find(':', start);
        if (colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
        from = start;
    }
}

/// key=value connection strings: password=secret or password='se cret' -> password=***
void mask_keyword_passwords(std::string& text) {
    const std::string key = "password=";
    std::size_t from = 0;
    while ((from = text.find(key, from)) != std::string::npos) {
        std::size_t start = from + key.size(), end = start;
        if (end < text.size() && text[end] == '\'') {
            for (++end; end < text.size() && text[end] != '\''; ++end)
                if (text[end] == '\\') ++end;
            end = std::min(end + 1, text.size());
        } else {
            end = std::min(text.find_first_of(" \t\n", start), text.size());
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

std::string redact(std::string text) {
    std::lock_guard<std::mutex> hold(secrets_mutex());
    for (const auto& s : secrets()) {
        std::size_t pos = 0;
        while ((pos = text.find(s, pos)) != std::string::npos) {
            text.replace(pos, s.size(), "***");
            pos += 3;
        }
    }
    mask_url_passwords(text);
    mask_keyword_passwords(text);
    return text;
}

}  // namespace retort
