// The revision graph and the planner, in memory.
#include "core/errors.hpp"
#include "graph/revision_graph.hpp"
#include "graph/revision_map.hpp"
#include "plan/planner.hpp"

#include <doctest/doctest.h>

using namespace retort;
using graph::revision_info;

namespace {
revision_info rev(std::string id, std::vector<std::string> parents, std::vector<std::string> labels = {},
                  std::vector<std::string> deps = {}) {
    return {id, std::move(parents), std::move(labels), std::move(deps), "msg " + id, "", id + ".cpp"};
}

graph::revision_graph linear() { return graph::revision_graph({rev("a1", {}), rev("b2", {"a1"}), rev("c3", {"b2"})}); }

std::vector<std::string> ids(const graph::revision_graph& g, const std::vector<graph::index>& v) {
    std::vector<std::string> out;
    for (auto i : v) out.push_back(g[i].id);
    return out;
}

std::vector<std::string> plan_ids(const graph::revision_graph& g, const std::vector<plan::step>& steps) {
    std::vector<std::string> out;
    for (auto s : steps) out.push_back((s.upgrade ? "+" : "-") + g[s.revision].id);
    return out;
}
}  // namespace

TEST_CASE("heads, bases and topological order of a chain") {
    auto g = linear();
    CHECK(ids(g, g.heads()) == std::vector<std::string>{"c3"});
    CHECK(ids(g, g.bases()) == std::vector<std::string>{"a1"});
    CHECK(ids(g, g.topological_order()) == std::vector<std::string>{"a1", "b2", "c3"});
}

TEST_CASE("broken graphs are refused with the files named") {
    CHECK_THROWS_WITH_AS(graph::revision_graph({rev("a1", {}), rev("a1", {})}),
                         "duplicate revision ID a1 in a1.cpp and a1.cpp", graph_error);
    CHECK_THROWS_WITH_AS(graph::revision_graph({rev("a1", {"zz"})}),
                         "revision a1 in a1.cpp names parent zz, which does not exist", graph_error);
    CHECK_THROWS_AS(graph::revision_graph({rev("a1", {"b2"}), rev("b2", {"a1"})}), graph_error);
    try {
        graph::revision_graph({rev("r0", {}), rev("a1", {"b2"}), rev("b2", {"a1"})});
        FAIL("no cycle reported");
    } catch (const graph_error& e) {
        std::string what = e.what();
        CHECK(what.find("a1 (a1.cpp)") != std::string::npos);
        CHECK(what.find("b2 (b2.cpp)") != std::string::npos);
        CHECK(what.find("r0") == std::string::npos);
    }
}

TEST_CASE("prefixes resolve when unique and list candidates when ambiguous") {
    graph::revision_graph g({rev("abc1", {}), rev("abc2", {"abc1"}), rev("bcd3", {"abc2"})});
    CHECK(g[g.resolve_id("bc")].id == "bcd3");
    CHECK(g[g.resolve_id("abc1")].id == "abc1");
    CHECK_THROWS_WITH_AS(g.resolve_id("ab"), "'ab' is ambiguous: it starts 2 revisions (abc1, abc2)", resolution_error);
    CHECK_THROWS_WITH_AS(g.resolve_id("zz"), "no revision matches 'zz'", resolution_error);
}

TEST_CASE("upgrade and downgrade plans on a chain") {
    auto g = linear();
    graph::revision_map m(g);
    CHECK(plan_ids(g, plan::plan_upgrade(m, {}, "head")) == std::vector<std::string>{"+a1", "+b2", "+c3"});
    CHECK(plan_ids(g, plan::plan_upgrade(m, {"b2"}, "head")) == std::vector<std::string>{"+c3"});
    CHECK(plan_ids(g, plan::plan_downgrade(m, {"b2"}, "base")) == std::vector<std::string>{"-b2", "-a1"});
    CHECK(plan_ids(g, plan::plan_downgrade(m, {"b2"}, "-1")) == std::vector<std::string>{"-b2"});
    CHECK(plan_ids(g, plan::plan_upgrade(m, {}, "+2")) == std::vector<std::string>{"+a1", "+b2"});
    CHECK(plan_ids(g, plan::plan_upgrade(m, {}, "a1+2")) == std::vector<std::string>{"+a1", "+b2", "+c3"});
    CHECK(plan_ids(g, plan::plan_downgrade(m, {"b2"}, "-2")) == std::vector<std::string>{"-b2", "-a1"});
    CHECK_THROWS_AS(plan::plan_downgrade(m, {"b2"}, "-3"), resolution_error);
    CHECK_THROWS_AS(plan::plan_downgrade(m, {}, "-1"), resolution_error);
    CHECK_THROWS_AS(plan::plan_upgrade(m, {"b2"}, "+2"), resolution_error);
}

TEST_CASE("head tracker writes the version table as Alembic does") {
    auto g = linear();
    graph::revision_map m(g);
    plan::head_tracker t(m, {});
    auto first = t.apply(plan::step{*g.find("a1"), true});
    CHECK(first.inserts == std::vector<std::string>{"a1"});
    auto second = t.apply(plan::step{*g.find("b2"), true});
    CHECK(second.updates == std::vector<std::pair<std::string, std::string>>{{"a1", "b2"}});
    auto back = t.apply(plan::step{*g.find("b2"), false});
    CHECK(back.updates == std::vector<std::pair<std::string, std::string>>{{"b2", "a1"}});
    auto gone = t.apply(plan::step{*g.find("a1"), false});
    CHECK(gone.deletes == std::vector<std::string>{"a1"});
    CHECK(t.heads().empty());
}

TEST_CASE("branches: several heads, and a merge joins their rows") {
    graph::revision_graph g({rev("r", {}), rev("x", {"r"}), rev("y", {"r"}), rev("m", {"x", "y"})});
    graph::revision_map map(g);
    CHECK(g.is_branch_point(*g.find("r")));
    CHECK(g.is_merge_point(*g.find("m")));
    plan::head_tracker t(map, {*g.find("x"), *g.find("y")});
    auto merge = t.apply(plan::step{*g.find("m"), true});
    CHECK(merge.updates.size() == 1);
    CHECK(merge.deletes.size() == 1);
    CHECK(ids(g, t.heads()) == std::vector<std::string>{"m"});
    auto unmerge = t.apply(plan::step{*g.find("m"), false});
    CHECK(unmerge.updates.size() == 1);
    CHECK(unmerge.inserts.size() == 1);
    CHECK(t.heads().size() == 2);
}

TEST_CASE("a version table naming an unknown revision, or an ancestor and its descendant, is corrupt") {
    auto g = linear();
    CHECK_THROWS_AS(plan::current_heads(g, {"zz"}), database_error);
    CHECK_THROWS_AS(plan::current_heads(g, {"a1", "c3"}), database_error);
    CHECK(plan::current_heads(g, {"c3"}).size() == 1);
}
