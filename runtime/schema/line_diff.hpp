// A line diff of two texts, for `runner schema --check`: what a reviewer needs to update schema.sql.
#pragma once

#include <string>
#include <vector>

namespace retort::schema {

/// The lines only `before` has ("-line") and only `after` has ("+line"), in file order, each
/// group headed by `@@ line N @@` (N: the line in `before`). Empty when the texts are equal.
std::vector<std::string> line_diff(const std::string& before, const std::string& after);

}  // namespace retort::schema
