// add users display name
//
// revision: c05e7a93f1d2
// parents: 8d41b6e0c2a7
// branch_labels:
// depends_on:
// created: 2026-11-26 04:45:44
// message: add users display name
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(c05e7a93f1d2);

void upgrade(ops& op) {
    op.add_column("users", Column("display_name", Text()));
    op.execute("UPDATE users SET display_name = split_part(email, '@', 1)");
}

void downgrade(ops& op) {
    op.drop_column("users", "display_name");
}
