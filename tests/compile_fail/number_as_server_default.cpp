// Misuse that must not compile (number_as_server_default): 0 would become a null char* and fail
// while recording, with no line. compiles.cpp is the same revision without the mistake.
// diagnostic: server_default takes text: write .server_default("0") for the literal '0' or .server_default(sql("0")) for SQL
#include <retort/migration.hpp>

using namespace retort;

void upgrade(ops& op) {
    op.create_table("t", {Column("id", Integer()).primary_key(), Column("n", Integer()).server_default(0)});
}
