#include "config/duration.hpp"

#include "core/errors.hpp"

#include <cctype>

namespace retort::config {

std::optional<std::chrono::microseconds> parse_duration(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits == 0 || digits > 12) return std::nullopt;
    const std::string unit = text.substr(digits);
    static const std::pair<const char*, long long> units[] = {
        {"", 1000}, {"us", 1}, {"ms", 1000}, {"s", 1000000}, {"min", 60000000LL}, {"h", 3600000000LL},
        {"d", 86400000000LL}};
    const long long number = std::stoll(text.substr(0, digits));
    for (const auto& [name, micros] : units) {
        if (unit != name) continue;
        if (number > 3153600000000000000LL / micros) return std::nullopt;  // 100 years
        return std::chrono::microseconds(number * micros);
    }
    return std::nullopt;
}

std::chrono::microseconds checked_duration(const std::string& name, const std::string& text,
                                           const std::string& source, bool server_timeout) {
    // "--lock-wait 'soon'" or "lock_timeout 'soon' (from /app/retort.ini:4)"
    std::string what = source.rfind("--", 0) == 0 ? source + " '" + text + "'"
                                                  : name + " '" + text + "' (from " + source + ")";
    auto d = parse_duration(text);
    if (!d) throw usage_error(what + " is not a duration; write e.g. 500ms, 5s, 2min, 1h or 1d");
    if (server_timeout && *d > longest_server_timeout)
        throw usage_error(what + " is longer than PostgreSQL allows (24d); use 0 for no limit");
    return *d;
}

}  // namespace retort::config
