// Who the session is, for commands that need a privilege before they start (a scratch database).
#pragma once

#include <string>

namespace retort::db {

class session;

struct role_facts {
    std::string name;
    bool may_create_databases = false;  ///< CREATEDB or superuser
};

role_facts current_role(session& s);

}  // namespace retort::db
