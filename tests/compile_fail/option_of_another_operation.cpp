// Misuse that must not compile (option_of_another_operation): built by ctest with WILL_FAIL. compiles.cpp is the same
// revision without the mistake, so the harness itself is proven to work.
#include <retort/migration.hpp>

using namespace retort;

void upgrade(ops& op) {
    op.drop_table("t", {.unique = true});
}
