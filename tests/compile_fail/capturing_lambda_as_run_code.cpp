// Misuse that must not compile (capturing_lambda_as_run_code): built by ctest with WILL_FAIL. compiles.cpp is the same
// revision without the mistake, so the harness itself is proven to work.
#include <retort/migration.hpp>

using namespace retort;

void upgrade(ops& op) {
    int n = 1;
    op.run_code([&](connection& db) { db.execute("SELECT 1"); ++n; });
}
