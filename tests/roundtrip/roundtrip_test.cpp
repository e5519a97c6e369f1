// The DSL writer, proved by compilation: each body below was recorded, printed by
// autogen::dsl_source and compiled again; it must record operations with the same canonical text
// (the checksum's input, which names every field of every operation).
#include "printed.hpp"

#include "core/registry.hpp"

#include <retort/canonical.hpp>
#include <retort/operations.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace retort;

namespace {
const test::printed_revision* printed(const std::string& id) {
    for (std::size_t i = 0; i < test::printed_revision_count; ++i)
        if (test::printed_revisions[i].id == id) return &test::printed_revisions[i];
    return nullptr;
}
}  // namespace

TEST_CASE("every catalogue revision, printed as DSL source and compiled, records the same operations") {
    auto loaded = load_registry();
    REQUIRE(loaded.bodies.size() >= 8);
    for (std::size_t i = 0; i < loaded.bodies.size(); ++i) {
        const std::string& id = loaded.graph[i].id;
        CAPTURE(id);
        const auto* p = printed(id);
        REQUIRE(p != nullptr);
        CHECK(canonical_text(record(p->upgrade)) == canonical_text(record(loaded.bodies[i]->upgrade)));
        CHECK(canonical_text(record(p->downgrade)) == canonical_text(record(loaded.bodies[i]->downgrade)));
    }
}

TEST_CASE("every operation and option outside the catalogue survives the round trip") {
    const auto* p = printed("every_option");
    REQUIRE(p != nullptr);
    auto original = record(&test::every_option_upgrade);
    CHECK(original.size() > 20);
    CHECK(canonical_text(record(p->upgrade)) == canonical_text(original));
    CHECK(canonical_text(record(p->downgrade)) == canonical_text(record(&test::every_option_downgrade)));
}
