// One example of every DSL operation and lock-relevant option, on a small fixture schema. The
// same list generates docs/locks.md and is run against the server by
// tests/server/lock_facts_test.cpp, so the document and the server's behaviour are checked
// against each other.
#pragma once

#include "locks/lock_facts.hpp"

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::locks {

struct example {
    std::string operation;  ///< "add_column"
    std::string option;     ///< "server_default(sql(\"now()\"))", or "" for the plain call
    void (*record)(ops&);   ///< records the operation(s)
    std::string setup = {}; ///< SQL run on the fixture first (a NOT VALID constraint to validate...)
    bool empty_table = false;  ///< the statement fails on a table with rows (NOT NULL without default)
};

/// The fixture: tables owners(id) and accounts(id, email, note varchar(20), owner_id, amount) with
/// rows, index ix_accounts_email, enum mood.
const char* fixture_sql();

const std::vector<example>& catalogue();

/// docs/locks.md, generated from the catalogue and the classifier.
std::string markdown();

}  // namespace retort::locks
