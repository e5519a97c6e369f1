// add notes created_at
//
// revision: e3a96c0f4d18
// parents: 5b0e2d7a91c4
// branch_labels:
// depends_on:
// created: 2026-11-26 05:00:01
// message: add notes created_at
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(e3a96c0f4d18);

void upgrade(ops& op) {
    op.add_column("notes", Column("created_at", DateTime(true)).nullable(false).server_default(sql("now()")));
    op.create_index("ix_notes_created_at", "notes", {"created_at"});
}

void downgrade(ops& op) {
    op.drop_index("ix_notes_created_at");
    op.drop_column("notes", "created_at");
}
