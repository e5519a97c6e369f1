// Recorded operations printed back as the C++ DSL a person would write: the body of a generated
// revision. Printing is exact: the printed calls, compiled in a revision, record operations with
// the same canonical text (tests/roundtrip proves it for every operation and option).
#pragma once

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::autogen {

/// A C++ string literal for `text`: "..." with escapes, or a raw string R"sql(...)sql" when the
/// text spans lines (view and function definitions stay readable).
std::string cpp_string(const std::string& text);

/// The DSL expression that builds `t` (`String(255)`, `ARRAY(Integer(), 2)`, `raw_type("inet")`).
/// Throws retort::error for a Type no factory builds (e.g. a kind with a precision it does not take).
std::string type_source(const Type& t);

/// One statement a line, each `indent` deep, `op.` calls ending in ';'; autocommit blocks become
/// `{ auto block = op.autocommit_block(); ... }`. Throws retort::error for run_code (a function
/// pointer has no source) and for values no DSL call records.
std::string dsl_source(const std::vector<op::operation>& operations, const std::string& indent = "    ");

}  // namespace retort::autogen
