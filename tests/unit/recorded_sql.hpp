// What the renderer makes of a revision body, for exact-SQL tests.
#pragma once

#include "render/postgres.hpp"

#include <string>

namespace retort::test {

/// Every statement, as --sql prints it, each followed by ";\n".
inline std::string sql_of(void (*fn)(ops&)) {
    std::string out;
    for (const auto& s : render::render(record(fn))) out += render::offline_text(s) + ";\n";
    return out;
}

}  // namespace retort::test
