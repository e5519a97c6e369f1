// accounts: tier column, branch foreign key, unique (bid, aid), index on bid
//
// revision: 1c0ad0000001
// parents:
// created: 2026-12-05 12:00:00
// message: accounts: tier column, branch foreign key, unique (bid, aid), index on bid
//
// bench/locks_load.py runs this against pgbench's tables under load. The same four changes a
// naive migration makes (its SQL is in the script), written with Retort's safe recipes: the
// foreign key NOT VALID and then validated in its own transaction, the unique constraint from a
// concurrently built index, the index built concurrently. Adding a NOT NULL column with a
// constant default needs no recipe: PostgreSQL stores the default in the catalog (no rewrite, no
// scan); only its ACCESS EXCLUSIVE lock matters, which the preflight takes in a quiet moment.
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(1c0ad0000001);

void upgrade(ops& op) {
    op.add_column("pgbench_accounts", Column("tier", Integer()).server_default("0").nullable(false));
    op.create_foreign_key("fk_accounts_branch", "pgbench_accounts", "pgbench_branches", {"bid"}, {"bid"},
                          {.not_valid = true});
    op.validate_constraint("fk_accounts_branch", "pgbench_accounts");
    op.create_unique_constraint("uq_accounts_bid_aid", "pgbench_accounts", {"bid", "aid"}, {.concurrently = true});
    {
        auto block = op.autocommit_block();
        op.create_index("ix_accounts_bid", "pgbench_accounts", {"bid"}, {.concurrently = true});
    }
}

void downgrade(ops& op) {
    op.drop_index("ix_accounts_bid");
    op.drop_constraint("uq_accounts_bid_aid", "pgbench_accounts");
    op.drop_constraint("fk_accounts_branch", "pgbench_accounts");
    op.drop_column("pgbench_accounts", "tier");
}
