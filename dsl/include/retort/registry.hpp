// The table the build generates from the revision files' header blocks (one entry a file).
// Plain C strings: a runner with 10,000 revisions starts without building anything at load time.
#pragma once

#include <retort/migration.hpp>

#include <cstddef>

namespace retort {

struct registry_entry {
    const char* id;
    const char* parents;        ///< space-separated revision IDs; "" for a base
    const char* branch_labels;  ///< space-separated
    const char* depends_on;     ///< space-separated
    const char* message;
    const char* created;
    const char* path;
    const revision_body* body;
};

}  // namespace retort

extern const retort::registry_entry retort_registry[];
extern const std::size_t retort_registry_size;
