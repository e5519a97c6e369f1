// Misuse that must not compile (string_as_alter_type): built by ctest with WILL_FAIL. compiles.cpp is the same
// revision without the mistake, so the harness itself is proven to work.
#include <retort/migration.hpp>

using namespace retort;

void upgrade(ops& op) {
    op.alter_column("t", "email", {.type = "text"});
}
