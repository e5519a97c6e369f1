// A stable text form of recorded operations: what the checksum of a revision is taken over.
// It names every field of every operation, so any change to what a revision does changes it,
// while a change to how Retort renders SQL does not.
#pragma once

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort {

/// One line an operation, fields in a fixed order, strings escaped.
std::string canonical_text(const std::vector<op::operation>& operations);

}  // namespace retort
