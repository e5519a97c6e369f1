#include "core/text.hpp"

namespace retort {

std::string one_line(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string shorten(const std::string& sql) {
    std::string flat = one_line(sql);
    return flat.size() > 160 ? flat.substr(0, 157) + "..." : flat;
}

}  // namespace retort
