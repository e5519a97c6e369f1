// A stable text form of recorded operations: what the checksum of a revision is taken over.
// Any change to what a revision does changes it, while a change to how Retort renders SQL does
// not; enumerations are written by name and a field holding its default value is left out, so a
// new enumerator or a new option changes the text of no existing revision.
// tests/unit/canonical_test.cpp pins it for every operation: a change to it is a release note and
// a new retort_history schema (db/history.hpp rewrites the checksums recorded in the older form).
#pragma once

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort {

/// One line an operation, fields in a fixed order, strings escaped, defaults left out.
std::string canonical_text(const std::vector<op::operation>& operations);

}  // namespace retort
