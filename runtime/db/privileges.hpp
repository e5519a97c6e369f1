// The privilege preflight: every need of a plan (plan/privilege_needs) checked against the catalog
// for the current role (after --role), before the first statement, so a plan that would fail with
// "must be owner of table" half-way is refused whole, with every missing privilege listed.
#pragma once

#include "plan/privilege_needs.hpp"
#include "render/version_table.hpp"

#include <string>
#include <vector>

namespace retort::db {

class session;

struct missing_privilege {
    plan::privilege_need need;
    std::string object;  ///< as the catalog names it (schema-qualified)
    std::string owner;   ///< the owner, for ownership needs
};

struct privilege_report {
    std::string role;  ///< current_user: the role after --role
    std::vector<missing_privilege> missing;
};

/// The needs the current role lacks; also CREATE on the version table's schema when the version
/// or history table must still be created. Objects that do not exist yet are not checked (the
/// plan creates them, or the statement fails for its own reason).
privilege_report missing_privileges(session& s, const plan::privilege_needs& needs,
                                                  const render::version_table& table);

/// One line: "revision 1a2b: ALTER TABLE orders ADD COLUMN …: must own table public.orders (owner: app)".
std::string describe(const missing_privilege& m);

}  // namespace retort::db
