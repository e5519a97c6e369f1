#include "db/conninfo.hpp"

#include "core/errors.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"

#include <libpq-fe.h>

#include <map>
#include <memory>
#include <optional>

namespace retort::db {

namespace {

const std::string mask = "***";

/// libpq's parse as keyword -> value (only the keywords the string sets), or its error message.
struct parsed {
    std::map<std::string, std::string> values;
    std::string error;
    bool ok = false;
};

parsed parse(const std::string& conninfo) {
    parsed out;
    char* message = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(conninfo.c_str(), &message),
                                                                         &PQconninfoFree);
    if (!options) {
        out.error = message ? one_line(message) : "libpq could not parse it";
        PQfreemem(message);
        return out;
    }
    for (PQconninfoOption* o = options.get(); o->keyword; ++o)
        if (o->val) out.values[o->keyword] = o->val;
    out.ok = true;
    return out;
}

bool is_uri(const std::string& text) {
    return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Masks the value of every `password` keyword, following libpq's key=value syntax: blanks may
/// stand around '='; a value is '...' (with \ escapes) or runs to the next blank (with \ escapes).
std::string mask_keyword_values(const std::string& text) {
    std::string out;
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t key_start = p;
        while (p < text.size() && is_blank(text[p])) ++p;
        std::size_t name_start = p;
        while (p < text.size() && text[p] != '=' && !is_blank(text[p])) ++p;
        std::string name = text.substr(name_start, p - name_start);
        while (p < text.size() && is_blank(text[p])) ++p;
        if (p < text.size() && text[p] == '=') ++p;
        while (p < text.size() && is_blank(text[p])) ++p;
        std::size_t value_start = p;
        if (p < text.size() && text[p] == '\'') {
            for (++p; p < text.size() && text[p] != '\''; ++p)
                if (text[p] == '\\') ++p;
            p = std::min(p + 1, text.size());
        } else {
            for (; p < text.size() && !is_blank(text[p]); ++p)
                if (text[p] == '\\') ++p;
            p = std::min(p, text.size());
        }
        out += text.substr(key_start, value_start - key_start);
        out += name == "password" ? mask : text.substr(value_start, p - value_start);
        if (p == key_start) break;
    }
    return out;
}

/// Masks `password=` values in a URL's query (after '?', separated by '&').
std::string mask_query_passwords(std::string text) {
    std::size_t query = text.find('?');
    if (query == std::string::npos) return text;
    std::size_t p = query + 1;
    while (p <= text.size()) {
        std::size_t end = std::min(text.find('&', p), text.size());
        std::size_t eq = text.find('=', p);
        if (eq < end && text.compare(p, eq - p, "password") == 0) {
            text.replace(eq + 1, end - eq - 1, mask);
            end = eq + 1 + mask.size();
        }
        p = end + 1;
    }
    return text;
}

/// A URL libpq reads: the password sits between the first ':' and the '@' of the userinfo, which
/// ends at the first '@' before any '/'; a ?password= may set it too.
std::string mask_uri(const std::string& text) {
    std::string out = text;
    std::size_t start = text.find("://") + 3;
    std::size_t at = text.find_first_of("@/", start);
    if (at != std::string::npos && text[at] == '@') {
        std::size_t colon = text.find(':', start);
        if (colon < at) out = text.substr(0, colon + 1) + mask + text.substr(at);
    }
    return mask_query_passwords(out);
}

/// Every keyword but the password, as parsed: masking must change nothing else.
std::map<std::string, std::string> without_password(std::map<std::string, std::string> values) {
    values.erase("password");
    return values;
}

/// libpq's parse written back as key=value pairs, password masked: the form of last resort.
std::string rebuilt(const parsed& p) {
    std::string out;
    for (const auto& [key, value] : p.values) {
        std::string quoted = "'";
        for (char c : key == "password" ? mask : value) {
            if (c == '\\' || c == '\'') quoted += '\\';
            quoted += c;
        }
        out += (out.empty() ? "" : " ") + key + "=" + quoted + "'";
    }
    return out;
}

/// Text libpq cannot parse: the whole userinfo of a URL (to the last '@', since an unencoded
/// password may hold '@', '/', '?' or '#') and every password= value.
std::string mask_unparsable(const std::string& text) {
    std::string out = text;
    if (is_uri(text)) {
        std::size_t start = text.find("://") + 3;
        std::size_t at = text.rfind('@');
        if (at != std::string::npos && at >= start) out = text.substr(0, start) + mask + text.substr(at);
        return mask_query_passwords(out);
    }
    return mask_keyword_values(out);
}

}  // namespace

std::string mask_conninfo(const std::string& conninfo) {
    auto original = parse(conninfo);
    if (!original.ok) return mask_unparsable(conninfo);
    if (!original.values.count("password")) return conninfo;
    std::string masked = is_uri(conninfo) ? mask_uri(conninfo) : mask_keyword_values(conninfo);
    // Proof by libpq: the masked string parses to the same settings, with *** as the password.
    auto check = parse(masked);
    if (check.ok && check.values["password"] == mask &&
        without_password(check.values) == without_password(original.values))
        return masked;
    return rebuilt(original);
}

void check_conninfo(const std::string& conninfo) {
    if (conninfo.empty()) return;
    auto p = parse(conninfo);
    if (!p.ok) {
        // libpq quotes the part it stumbled on, which may be the password: its message is taken
        // from the masked text only.
        auto masked = parse(mask_unparsable(conninfo));
        if (!masked.ok) throw usage_error("invalid database URL: " + masked.error);
        throw usage_error(is_uri(conninfo)
                              ? "invalid database URL: the user name or password cannot be read; percent-encode "
                                "its special characters (% as %25, @ as %40, / as %2F, : as %3A, ? as %3F, # as "
                                "%23, space as %20)"
                              : "invalid database URL: the password cannot be read; write it as password='...' "
                                "with \\' for a quote and \\\\ for a backslash");
    }
    if (p.values.count("password")) register_secret(p.values["password"]);
    register_connection_string(conninfo, mask_conninfo(conninfo));
}

}  // namespace retort::db
