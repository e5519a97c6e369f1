// The translation unit that compiles several revision files at once (add_migrations' batches).
// A revision file is written to be compiled alone; included into one shared file it must not meet
// another revision's names or macros, and its own #includes must not land inside a namespace.
#pragma once

#include <string>
#include <vector>

namespace retort::gen {

/// One revision file as the batch sees it.
struct batch_member {
    std::string path;  ///< absolute path, as the compiler will open it
    std::string text;  ///< the file's contents
};

/// The batch source: each member's unconditional #include lines first, at file scope (a standard
/// header included again inside a namespace is then a no-op), then each member inside a namespace
/// of its own, followed by an #undef of every macro it #defines. Throws scan_error for a path that
/// cannot be written in an #include line.
std::string batch_source(const std::vector<batch_member>& members);

}  // namespace retort::gen
