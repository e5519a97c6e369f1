// backfill account numbers
//
// Ported from Alembic: 6e1fc1d83e47_backfill_account_numbers.py
// revision: 6e1fc1d83e47
// parents: ea7914f3857d
// branch_labels:
// depends_on:
// created: 2026-11-20 08:42:00
// message: backfill account numbers
#include <retort/migration.hpp>

using namespace retort;

RETORT_REVISION(6e1fc1d83e47);

// Ported by hand from the Alembic revision, which read the accounts to number them: the reading
// and the numbering run against the live connection (op.run_code), in the revision's transaction.
static void number_accounts(connection& db) {
    int number = 1000;
    for (const auto& row : db.query("SELECT id FROM accounts ORDER BY id"))
        db.execute("UPDATE accounts SET number = $1 WHERE id = $2", {number++, row[0].text});
}

void upgrade(ops& op) {
    op.add_column("accounts", Column("number", Integer()));
    op.run_code(number_accounts);
    op.create_unique_constraint("uq_accounts_number", "accounts", {"number"});
}

void downgrade(ops& op) {
    op.drop_constraint("uq_accounts_number", "accounts");
    op.drop_column("accounts", "number");
}
