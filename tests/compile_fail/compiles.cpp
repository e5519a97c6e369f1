// The control for the misuse snippets: a correct revision that must compile.
// Each snippet next to it is this file with one mistake.
#include <retort/migration.hpp>

using namespace retort;

void upgrade(ops& op) {
    op.create_table("t", {Column("id", Integer()).primary_key(), Column("email", String(255))});
    op.create_index("ix_t_email", "t", {"email"}, {.unique = true, .where = "email IS NOT NULL"});
    op.drop_table("t", {.if_exists = true});
    op.alter_column("t", "email", {.type = Text()});
    op.alter_column("t", "email", {.server_default = "0"});
    op.add_column("t", Column("n", Integer()).server_default("0"));
    op.execute("SELECT $1", {1});
    op.run_code([](connection& db) { db.execute("SELECT 1"); });
    op.bulk_insert("t", {"email"}, {{"a@example.com"}, {nullptr}});
    {
        auto block = op.autocommit_block();
        op.create_index("ix_t_id", "t", {"id"}, {.concurrently = true});
    }
}
