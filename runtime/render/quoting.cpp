#include "render/quoting.hpp"

#include <algorithm>
#include <array>

namespace retort::render {

namespace {
// PostgreSQL's reserved key words (documentation, appendix C), sorted for binary search.
constexpr std::array<std::string_view, 101> reserved_words = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
    "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
    "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
    "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
    "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
    "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
    "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
    "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
    "where", "window", "with"};

bool is_plain_identifier(std::string_view name) {
    if (name.empty()) return false;
    char first = name.front();
    if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return false;
    return !std::binary_search(reserved_words.begin(), reserved_words.end(), name);
}

std::string quoted(std::string_view text, char quote) {
    std::string out;
    out.reserve(text.size() + 2);
    out += quote;
    for (char c : text) {
        if (c == quote) out += quote;
        out += c;
    }
    out += quote;
    return out;
}
}  // namespace

std::string quote_identifier(std::string_view name) {
    return is_plain_identifier(name) ? std::string(name) : quoted(name, '"');
}

std::string qualified(std::string_view schema, std::string_view name) {
    if (schema.empty()) return quote_identifier(name);
    return quote_identifier(schema) + "." + quote_identifier(name);
}

std::string quote_literal(std::string_view text) { return quoted(text, '\''); }

std::string identifier_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += quote_identifier(n);
    }
    return out;
}

}  // namespace retort::render
