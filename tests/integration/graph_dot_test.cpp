// `runner graph` on the branched fixture: the DOT equals tests/golden/branched.dot, renders with
// Graphviz's dot, follows -r as history does, highlights the database's current revisions with
// -d, and fails in one line when dot is missing.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace retort::test;

namespace {
std::string branched() { return build_dir() + "/tests/runner_branched"; }

std::string golden(const std::string& name) {
    std::ifstream in(source_dir() + "/tests/golden/" + name);
    REQUIRE_MESSAGE(in, "missing golden file " << name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("graph: DOT of the branched fixture equals the golden file and renders with dot -Tsvg") {
    auto dot = run({branched(), "graph"}, {{"DATABASE_URL", ""}});
    REQUIRE_MESSAGE(dot.exit_code == 0, dot.err);
    CHECK(dot.out == golden("branched.dot"));
    // The same text through Graphviz itself, and through the runner's --format svg.
    std::string file = build_dir() + "/tests/branched_graph.dot";
    std::ofstream(file) << dot.out;
    auto rendered = run({"dot", "-Tsvg", file});
    CHECK_MESSAGE(rendered.exit_code == 0, rendered.err);
    CHECK(has(rendered.out, "<svg"));
    auto svg = run({branched(), "graph", "--format", "svg"}, {{"DATABASE_URL", ""}});
    CHECK_MESSAGE(svg.exit_code == 0, svg.err);
    CHECK(svg.out == rendered.out);
}

TEST_CASE("graph -r keeps the revisions history walks, and bad input is one line") {
    auto part = run({branched(), "graph", "-r", "1a2b00000002:5e6f00000005"}, {{"DATABASE_URL", ""}});
    REQUIRE_MESSAGE(part.exit_code == 0, part.err);
    CHECK(has(part.out, "\"1a2b00000003\"->\"5e6f00000005\""));
    CHECK_FALSE(has(part.out, "\"1a2b00000001\""));
    CHECK_FALSE(has(part.out, "\"7e8f00000006\""));
    auto no_colon = run({branched(), "graph", "-r", "1a2b00000002"});
    CHECK(no_colon.exit_code == 2);
    CHECK(count_lines(no_colon.err) == 1);
    auto format = run({branched(), "graph", "--format", "png"});
    CHECK(format.exit_code == 2);
    CHECK(count_lines(format.err) == 1);
    auto no_dot = run({branched(), "graph", "--format", "svg"}, {{"PATH", "/nonexistent"}, {"DATABASE_URL", ""}});
    CHECK(no_dot.exit_code == 1);
    CHECK(no_dot.out.empty());
    CHECK(count_lines(no_dot.err) == 1);
    CHECK(has(no_dot.err, "graphviz"));
}

TEST_CASE("graph -d highlights the database's current revisions") {
    scratch_database db("it_graph_dot_current");
    auto up = run({branched(), "-d", db.url(), "upgrade", "1a2b00000003"}, {{"PGPASSWORD", ""}});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    auto dot = run({branched(), "-d", db.url(), "graph"}, {{"PGPASSWORD", ""}});
    REQUIRE_MESSAGE(dot.exit_code == 0, dot.err);
    CHECK(has(dot.out, "tooltip=\"1a2b00000003 current\", fillcolor=\"#ffd54f\""));
    CHECK_FALSE(has(dot.out, "1a2b00000002 branch-point current"));
    CHECK_FALSE(has(dot.out, db.url()));
    auto current_range = run({branched(), "-d", db.url(), "graph", "-r", "current:"}, {{"PGPASSWORD", ""}});
    REQUIRE_MESSAGE(current_range.exit_code == 0, current_range.err);
    CHECK(has(current_range.out, "\"1a2b00000003\"->\"5e6f00000005\""));
    CHECK_FALSE(has(current_range.out, "\"1a2b00000002\"["));
}
