#include "config/row_count.hpp"

#include "core/errors.hpp"

namespace retort::config {

long long checked_row_count(const std::string& name, const std::string& text, const std::string& source) {
    // At most 15 digits: far beyond any table, and never an overflow of long long.
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
        throw usage_error((source.rfind("--", 0) == 0 ? source + " '" + text + "'"
                                                      : name + " '" + text + "' (from " + source + ")") +
                          " is not a number of rows; write e.g. 100000, or 0 for no limit");
    return std::stoll(text);
}

}  // namespace retort::config
