// The DSL writer's round trip: revision bodies recorded, printed as source by autogen::dsl_source,
// and that source compiled again (roundtrip_printed.cpp, written at build time by printer_main).
#pragma once

#include <retort/migration.hpp>

#include <cstddef>

namespace retort::test {

struct printed_revision {
    const char* id;
    void (*upgrade)(ops&);
    void (*downgrade)(ops&);
};

/// What the printer wrote, one entry per catalogue revision plus "every_option".
extern const printed_revision printed_revisions[];
extern const std::size_t printed_revision_count;

/// Every operation and option the catalogue fixture does not use (tests/roundtrip/every_option.cpp).
void every_option_upgrade(ops& op);
void every_option_downgrade(ops& op);

}  // namespace retort::test
