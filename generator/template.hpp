// The text of a new revision file.
#pragma once

#include "scanner.hpp"

#include <string>

namespace retort::gen {

/// File name: <id>_<slug of the message>.cpp, the slug cut at 40 characters on a word boundary
/// as Alembic cuts it.
std::string revision_file_name(const std::string& id, const std::string& message);

/// The source of a revision; the bodies (indented statements) are empty for mkrev.
std::string revision_source(const revision_header& h, const std::string& upgrade_body = {},
                            const std::string& downgrade_body = {});

/// A fresh 12-hex-digit ID from the system's random device.
std::string new_revision_id();

}  // namespace retort::gen
