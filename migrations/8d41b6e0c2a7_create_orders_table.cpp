// create orders table
//
// revision: 8d41b6e0c2a7
// parents: 3f2a9c1e7b04
// branch_labels:
// depends_on:
// created: 2026-11-26 04:45:44
// message: create orders table
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(8d41b6e0c2a7);

void upgrade(ops& op) {
    op.create_table("orders", {
        Column("id", BigInteger()).primary_key(),
        Column("user_id", Integer()).nullable(false),
        Column("total_cents", BigInteger()).nullable(false).server_default("0"),
        Column("status", String(20)).nullable(false).server_default("new"),
    });
    op.create_foreign_key("fk_orders_user", "orders", "users", {"user_id"}, {"id"}, {.ondelete = "CASCADE"});
    op.create_index("ix_orders_user_id", "orders", {"user_id"});
}

void downgrade(ops& op) {
    op.drop_index("ix_orders_user_id");
    op.drop_constraint("fk_orders_user", "orders");
    op.drop_table("orders");
}
