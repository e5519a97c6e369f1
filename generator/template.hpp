// The text of a new revision file.
#pragma once

#include "scanner.hpp"

#include <string>

namespace retort::gen {

/// File name: <id>_<slug of the message>.cpp, the slug at most 40 characters, cut at a word
/// boundary.
std::string revision_file_name(const std::string& id, const std::string& message);

/// The revision's header block (the comment lines the build reads), without a final newline.
std::string header_block(const revision_header& h);

/// The built-in revision template: the header block, the include, empty upgrade()/downgrade().
std::string default_template();

/// A revision's source from a template (a project's migrations/template.cpp.in, else the
/// built-in one): @HEADER@, @SYMBOL@ (for RETORT_REVISION), @REVISION@, @MESSAGE@, @CREATED@,
/// and the bodies @UPGRADE@ and @DOWNGRADE@ (indented statements; empty for mkrev, written by
/// autogenerate) are filled in; the rest is copied.
std::string revision_source(const revision_header& h, const std::string& template_text = default_template(),
                            const std::string& upgrade_body = {}, const std::string& downgrade_body = {});

/// A fresh 12-hex-digit ID from the system's random device.
std::string new_revision_id();

}  // namespace retort::gen
