// Misuse that must not compile (number_as_alter_default): alter_column's server_default = 0 would
// become a null char*. compiles.cpp is the same revision without the mistake.
// diagnostic: server_default takes text: write .server_default = "0" for the literal '0' or .server_default = sql("0") for SQL
#include <retort/migration.hpp>

using namespace retort;

void upgrade(ops& op) { op.alter_column("t", "email", {.server_default = 0}); }
