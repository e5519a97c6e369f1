// Copy, move and destruction of the DSL's value types, compiled once here rather than inline in
// every revision (a project compiles thousands of revisions; see docs/operations.md, compile cost).
#include <retort/migration.hpp>

namespace retort {

#define RETORT_OUT_OF_LINE_MEMBERS(T)                  \
    T::T(const T&) = default;                          \
    T::T(T&&) noexcept = default;                      \
    T& T::operator=(const T&) = default;               \
    T& T::operator=(T&&) noexcept = default;           \
    T::~T() = default;

RETORT_OUT_OF_LINE_MEMBERS(Type)
RETORT_OUT_OF_LINE_MEMBERS(Column)
RETORT_OUT_OF_LINE_MEMBERS(Constraint)
RETORT_OUT_OF_LINE_MEMBERS(TableElement)

#undef RETORT_OUT_OF_LINE_MEMBERS

}  // namespace retort
