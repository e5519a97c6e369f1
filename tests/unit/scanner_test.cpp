// The revision-source header parser shared by mkrev and the build.
#include "scanner.hpp"
#include "template.hpp"

#include <doctest/doctest.h>

using namespace retort::gen;

TEST_CASE("mkrev's template parses back to the same facts") {
    revision_header h;
    h.id = "1a2b3c4d5e6f";
    h.parents = {"0f9e8d7c6b5a", "aaaaaaaaaaaa"};
    h.branch_labels = {"billing"};
    h.depends_on = {"bbbbbbbbbbbb"};
    h.created = "2026-11-26 04:00:00";
    h.message = "create users: the table";
    auto parsed = parse_revision_source(revision_source(h), "x.cpp");
    CHECK(parsed.id == h.id);
    CHECK(parsed.parents == h.parents);
    CHECK(parsed.branch_labels == h.branch_labels);
    CHECK(parsed.depends_on == h.depends_on);
    CHECK(parsed.created == h.created);
    CHECK(parsed.message == h.message);
}

TEST_CASE("file names: Alembic's slug, long ones cut at a word boundary") {
    CHECK(revision_file_name("abc", "Create users table") == "abc_create_users_table.cpp");
    // Exactly 40 characters of whole words: kept whole (Alembic would drop "on" and end in '_').
    CHECK(revision_file_name("abc", "add a very long description that goes on and on forever") ==
          "abc_add_a_very_long_description_that_goes_on.cpp");
    CHECK(revision_file_name("abc", "add orders customer_id index partial unique where active") ==
          "abc_add_orders_customer_id_index_partial.cpp");
    CHECK(revision_file_name("abc", std::string(50, 'x')) == "abc_" + std::string(40, 'x') + ".cpp");
    CHECK(revision_file_name("abc", "!!!") == "abc.cpp");
}

TEST_CASE("a project template fills its placeholders and keeps the rest") {
    revision_header h;
    h.id = "1234abcd5678";
    h.parents = {"aaaa00000000"};
    h.message = "add \"quoted\" things";
    h.created = "2026-12-04 10:00:00";
    std::string text = revision_source(h, "@HEADER@\n// house style for @MESSAGE@ (@REVISION@, @CREATED@)\n"
                                          "#include <retort/migration.hpp>\nRETORT_REVISION(@SYMBOL@);\n@UNKNOWN@\n");
    auto parsed = parse_revision_source(text, "t.cpp");
    CHECK(parsed.id == h.id);
    CHECK(parsed.parents == h.parents);
    CHECK(text.find("// house style for add \"quoted\" things (1234abcd5678, 2026-12-04 10:00:00)\n") != std::string::npos);
    CHECK(text.find("@UNKNOWN@") != std::string::npos);
    CHECK(revision_source(h) == revision_source(h, default_template()));
}

TEST_CASE("fresh IDs are 12 hex digits") {
    auto id = new_revision_id();
    CHECK(id.size() == 12);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("malformed headers are reported with file and line") {
    CHECK_THROWS_WITH_AS(parse_revision_source("int x;\n", "a.cpp"),
                         "a.cpp:2: no RETORT_REVISION(...) line; is this a revision file?", scan_error);
    CHECK_THROWS_WITH_AS(parse_revision_source("// revision: abc\n// parents:\nRETORT_REVISION(abd);\n", "b.cpp"),
                         "b.cpp:3: RETORT_REVISION(abd) does not match the header's revision abc (expected "
                         "RETORT_REVISION(abc))",
                         scan_error);
    CHECK_THROWS_AS(parse_revision_source("// revision: a b\n", "c.cpp"), scan_error);
    CHECK_THROWS_AS(parse_revision_source("// revision: abc\nRETORT_REVISION(abc);\n", "d.cpp"), scan_error);
}
