// create users table
//
// revision: 3f2a9c1e7b04
// parents:
// branch_labels:
// depends_on:
// created: 2026-11-26 04:45:44
// message: create users table
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(3f2a9c1e7b04);

void upgrade(ops& op) {
    op.create_table("users", {
        Column("id", Integer()).primary_key(),
        Column("email", String(255)).nullable(false),
        Column("created_at", DateTime(true)).nullable(false).server_default(sql("now()")),
    });
    op.create_index("ix_users_email", "users", {"email"}, {.unique = true});
}

void downgrade(ops& op) {
    op.drop_index("ix_users_email");
    op.drop_table("users");
}
