// create notes table
//
// revision: 5b0e2d7a91c4
// parents:
// branch_labels:
// depends_on:
// created: 2026-11-26 05:00:00
// message: create notes table
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(5b0e2d7a91c4);

void upgrade(ops& op) {
    op.create_table("notes", {
        Column("id", BigInteger()).primary_key(),
        Column("body", Text()).nullable(false),
    });
}

void downgrade(ops& op) {
    op.drop_table("notes");
}
