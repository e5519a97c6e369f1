// fill users handle then require it
//
// revision: 712d8a8b62fc
// parents: c05e7a93f1d2
// branch_labels:
// depends_on:
// created: 2026-11-26 05:13:16
// message: fill users handle then require it
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(712d8a8b62fc);

// The data-migration pattern that never locks out running code: add the column nullable (old
// code keeps inserting without it), fill it, then require it. All three run in this revision's
// transaction, so a failure leaves the table as it was.
void upgrade(ops& op) {
    op.add_column("users", Column("handle", String(64)).comment("public name, unique"));
    op.execute("UPDATE users SET handle = lower(split_part(email, $1, 1)) || $2 || id WHERE handle IS NULL",
               {"@", "-"});
    op.alter_column("users", "handle", {.nullable = false});
    op.create_unique_constraint("uq_users_handle", "users", {"handle"});
}

void downgrade(ops& op) {
    op.drop_constraint("uq_users_handle", "users");
    op.drop_column("users", "handle");
}
