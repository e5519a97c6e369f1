// The generated translation unit that compiles several revision files at once.
#include "batch_source.hpp"
#include "scanner.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace retort::gen;

namespace {

std::size_t position(const std::string& text, const std::string& part) {
    auto at = text.find(part);
    REQUIRE_MESSAGE(at != std::string::npos, part);
    return at;
}

}  // namespace

TEST_CASE("each revision sits in its own namespace, its includes hoisted and its macros undone") {
    auto dir = std::filesystem::temp_directory_path() / "retort-batch-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "helpers.hpp") << "#pragma once\n";
    std::vector<batch_member> members{
        {(dir / "a.cpp").string(),
         "#include <retort/migration.hpp>\n#include <cstdlib>\n  #  include \"helpers.hpp\"\n#define ROWS 3\n"
         "#define TWICE(x) ((x) * 2)\n#if 0\n#include <nothing_here>\n#endif\nRETORT_REVISION(a);\n"},
        {(dir / "b.cpp").string(), "#include <retort/migration.hpp>\n#include <cstdlib>\n#include \"elsewhere.hpp\"\n"},
    };
    auto text = batch_source(members);
    // Hoisted once each, at file scope, before any member.
    auto first_namespace = position(text, "namespace retort_batch_member_0 {");
    CHECK(position(text, "#include <cstdlib>\n") < first_namespace);
    CHECK(text.find("#include <cstdlib>", position(text, "#include <cstdlib>") + 1) == std::string::npos);
    CHECK(position(text, "#include \"" + (dir / "helpers.hpp").string() + "\"") < first_namespace);
    CHECK(position(text, "#include \"elsewhere.hpp\"") < first_namespace);  // not beside: left to -I
    CHECK(text.find("nothing_here") == std::string::npos);                     // inside #if: left alone
    // Members in order, each followed by the #undef of its macros.
    auto a = position(text, "#include \"" + members[0].path + "\"\n}");
    auto b = position(text, "namespace retort_batch_member_1 {\n#include \"" + members[1].path + "\"\n}");
    CHECK(a < position(text, "#undef ROWS"));
    CHECK(position(text, "#undef TWICE") < b);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a path that cannot be written in an #include line is refused, naming it") {
    CHECK_THROWS_AS(batch_source({{"/tmp/a\"b.cpp", ""}}), scan_error);
}
