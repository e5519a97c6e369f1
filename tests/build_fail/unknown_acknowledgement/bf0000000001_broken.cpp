// revision: bf0000000001
// parents:
// created: 2026-12-04 16:40:00
// message: compiles, but the build-time check must reject it
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(bf0000000001);

void upgrade(ops& op) {
    op.create_table("t", {Column("id", Integer()).primary_key()});
    op.drop_column("t", "id");
    op.acknowledge("ban-drop-colum", "a misspelled rule must not pass silently");  // build-check: here
}

void downgrade(ops& op) { op.drop_table("t"); }
