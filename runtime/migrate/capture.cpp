#include "migrate/capture.hpp"

#include "core/errors.hpp"

namespace retort::migrate {

failure capture(const std::exception& e, const std::string& running_revision) {
    failure f;
    f.message = e.what();
    f.revision = running_revision;
    if (const auto* r = dynamic_cast<const error*>(&e)) f.exit_code = r->exit_code();
    if (const auto* d = dynamic_cast<const database_error*>(&e)) f.sqlstate = d->sqlstate();
    return f;
}

}  // namespace retort::migrate
