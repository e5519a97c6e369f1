// revision: bf0000000003
// parents:
// created: 2026-11-26 05:20:00
// message: compiles, but the build-time check must reject it
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(bf0000000003);

void upgrade(ops& op) {
    op.create_table("t", {Column("id", Integer()).primary_key(), Column("a", Integer()), Column("b", Integer())});
    op.bulk_insert("t", {"a", "b"}, {{1, 2}, {3}});  // build-check: here
}

void downgrade(ops& op) { op.drop_table("t"); }
