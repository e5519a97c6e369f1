// Every target form on one branched graph, with the answers Alembic 1.8's RevisionMap and
// HeadMaintainer give for it (computed with Alembic; the differential test checks thousands more).
//
//   app:   1111aaaa -> 2222bbbb -> 3333cccc -> 4444dddd -> 6666ffff (merge)
//                                          \-> 4445eeee -/
//   audit: 7777aaaa -> 8888bbbb (depends on 2222bbbb)
#include "core/errors.hpp"
#include "graph/revision_map.hpp"
#include "plan/planner.hpp"

#include <doctest/doctest.h>

using namespace retort;
using graph::revision_info;

namespace {

graph::revision_graph branched() {
    auto rev = [](std::string id, std::vector<std::string> parents, std::vector<std::string> labels = {},
                  std::vector<std::string> deps = {}) {
        return revision_info{id, std::move(parents), std::move(labels), std::move(deps), "msg", "", id + ".cpp"};
    };
    return graph::revision_graph({rev("1111aaaa", {}, {"app"}), rev("2222bbbb", {"1111aaaa"}),
                                  rev("3333cccc", {"2222bbbb"}), rev("4444dddd", {"3333cccc"}),
                                  rev("4445eeee", {"3333cccc"}), rev("6666ffff", {"4444dddd", "4445eeee"}),
                                  rev("7777aaaa", {}, {"audit"}), rev("8888bbbb", {"7777aaaa"}, {}, {"2222bbbb"})});
}

/// "+a +b|rows": the steps, then the version rows they leave (sorted), as the differential test
/// prints them.
std::string run(const graph::revision_map& m, const std::string& kind, const std::vector<std::string>& rows,
                const std::string& target) {
    plan::head_tracker t(m, plan::current_heads(m.graph(), rows));
    std::string out;
    if (kind == "stamp") {
        for (const auto& s : plan::plan_stamp(m, rows, {target})) t.apply(s);
    } else {
        auto steps = kind == "upgrade" ? plan::plan_upgrade(m, rows, target) : plan::plan_downgrade(m, rows, target);
        for (const auto& s : steps) {
            out += (out.empty() ? "" : " ") + std::string(s.upgrade ? "+" : "-") + m.id(s.revision);
            t.apply(s);
        }
    }
    std::string listed;
    for (auto i : t.heads()) listed += (listed.empty() ? "" : ",") + m.id(i);
    return out + "|" + listed;
}

std::string ids(const graph::revision_map& m, const std::vector<graph::index>& revs) {
    std::string out;
    for (auto i : revs) out += (out.empty() ? "" : " ") + m.id(i);
    return out;
}

const std::vector<std::string> both = {"6666ffff", "8888bbbb"};

}  // namespace

TEST_CASE("graph facts: heads, bases, branch points, labels spread along the branch, history order") {
    auto g = branched();
    graph::revision_map m(g);
    CHECK(ids(m, m.heads()) == "6666ffff 8888bbbb");
    CHECK(ids(m, m.bases()) == "1111aaaa 7777aaaa");
    CHECK(m.is_branch_point(*g.find("3333cccc")));
    CHECK(m.is_merge_point(*g.find("6666ffff")));
    CHECK(m.branch_labels(*g.find("6666ffff")) == std::vector<std::string>{"app"});
    CHECK(m.branch_labels(*g.find("8888bbbb")) == std::vector<std::string>{"audit"});
    CHECK(ids(m, m.walk_revisions()) == "6666ffff 4444dddd 4445eeee 8888bbbb 7777aaaa 3333cccc 2222bbbb 1111aaaa");
    CHECK(ids(m, m.walk_revisions("3333cccc", "app@head")) == "6666ffff 4444dddd 4445eeee 3333cccc");
    CHECK(ids(m, m.all_current({"8888bbbb"})) == "2222bbbb 8888bbbb");
}

TEST_CASE("upgrade targets: heads, LABEL@head, LABEL@+N, prefixes, REV+N, LABEL@REV") {
    auto g = branched();
    graph::revision_map m(g);
    CHECK(run(m, "upgrade", {}, "heads") ==
          "+1111aaaa +2222bbbb +3333cccc +7777aaaa +8888bbbb +4445eeee +4444dddd +6666ffff|6666ffff,8888bbbb");
    CHECK(run(m, "upgrade", {}, "app@head") == "+1111aaaa +2222bbbb +3333cccc +4445eeee +4444dddd +6666ffff|6666ffff");
    CHECK(run(m, "upgrade", {}, "audit@head") == "+1111aaaa +2222bbbb +7777aaaa +8888bbbb|8888bbbb");
    CHECK(run(m, "upgrade", {}, "app@+2") == "+1111aaaa +2222bbbb|2222bbbb");
    CHECK(run(m, "upgrade", {}, "3333") == "+1111aaaa +2222bbbb +3333cccc|3333cccc");
    CHECK(run(m, "upgrade", {}, "4444dddd+1") == "+1111aaaa +2222bbbb +3333cccc +4445eeee +4444dddd +6666ffff|6666ffff");
    CHECK(run(m, "upgrade", {}, "app@4444") == "+1111aaaa +2222bbbb +3333cccc +4444dddd|4444dddd");
    CHECK(run(m, "upgrade", {"4444dddd"}, "heads") == "+7777aaaa +8888bbbb +4445eeee +6666ffff|6666ffff,8888bbbb");
}

TEST_CASE("downgrade targets: LABEL@base, LABEL@-N, -N, REV-N, an ID, base") {
    auto g = branched();
    graph::revision_map m(g);
    CHECK(run(m, "downgrade", both, "app@base") ==
          "-6666ffff -4444dddd -4445eeee -8888bbbb -3333cccc -2222bbbb -1111aaaa|7777aaaa");
    CHECK(run(m, "downgrade", both, "audit@base") == "-8888bbbb -7777aaaa|6666ffff");
    CHECK(run(m, "downgrade", both, "audit@-1") == "-8888bbbb|6666ffff,7777aaaa");
    CHECK(run(m, "downgrade", {"4444dddd"}, "-3") == "-4444dddd -3333cccc -2222bbbb|1111aaaa");
    CHECK(run(m, "downgrade", {"4444dddd"}, "-4") == "-4444dddd -3333cccc -2222bbbb -1111aaaa|");
    CHECK(run(m, "downgrade", {"4444dddd", "4445eeee"}, "4444dddd-1") == "-4444dddd -4445eeee|3333cccc");
    CHECK(run(m, "downgrade", both, "3333cccc") == "-6666ffff -4444dddd -4445eeee|3333cccc,8888bbbb");
    CHECK(run(m, "downgrade", {"6666ffff"}, "4444dddd") == "-6666ffff|4444dddd,4445eeee");
    CHECK(run(m, "downgrade", both, "base") ==
          "-6666ffff -4444dddd -4445eeee -8888bbbb -7777aaaa -3333cccc -2222bbbb -1111aaaa|");
}

TEST_CASE("stamp moves rows as Alembic does: over dependencies, to base, onto a new branch") {
    auto g = branched();
    graph::revision_map m(g);
    CHECK(run(m, "stamp", both, "2222bbbb") == "|2222bbbb");
    CHECK(run(m, "stamp", {}, "heads") == "|6666ffff,8888bbbb");
    CHECK(run(m, "stamp", {"6666ffff"}, "base") == "|");
    CHECK(run(m, "stamp", {"4444dddd"}, "4445eeee") == "|4444dddd,4445eeee");
}

TEST_CASE("targets Alembic refuses are refused, with a message that says why") {
    auto g = branched();
    graph::revision_map m(g);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "head"),
                         doctest::Contains("several head revisions are present for 'head' (6666ffff, 8888bbbb)"),
                         resolution_error);
    // Alembic prefix-matches IDs longer than 3 characters, so a short prefix that matches nothing
    // gets a hint, and "444" is ambiguous rather than too short.
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "zz9"), doctest::Contains("needs at least four characters"),
                         resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "444"), "several revisions start with '444': 4444dddd, 4445eeee",
                         resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "zzzzzz"), "no such revision or branch 'zzzzzz'", resolution_error);
    // A misspelled keyword or label gets a suggestion; IDs are never offered.
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "hed"), "no such revision or branch 'hed'; did you mean 'head'?",
                         resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "downgrade", {"4444dddd"}, "bsae"),
                         "no such revision or branch 'bsae'; did you mean 'base'?", resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "audt@head"), doctest::Contains("did you mean 'audit'?"),
                         resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "4444ddde"), "no such revision or branch '4444ddde'", resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "nolabel@head"), "no such revision or branch 'nolabel'", resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "audit@4444dddd"),
                         "revision 4444dddd is not a member of branch 'audit'", resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "upgrade", {}, "audit@4444"), "no such revision or branch '4444'", resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "downgrade", {"4444dddd"}, "-5"), doctest::Contains("goes below base"),
                         resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "downgrade", {}, "-1"), doctest::Contains("the database is at base"), resolution_error);
    CHECK_THROWS_WITH_AS(run(m, "downgrade", {"6666ffff"}, "-1"), doctest::Contains("ambiguous walk"), resolution_error);
    CHECK_THROWS_AS(run(m, "upgrade", {"3333cccc"}, "+1"), resolution_error);  // branches into two
    CHECK_THROWS_AS(run(m, "downgrade", {"3333cccc"}, "4444dddd"), resolution_error);  // not applied
    CHECK_THROWS_AS(run(m, "upgrade", {}, "+1"), resolution_error);  // two bases
}

TEST_CASE("an ambiguous prefix lists its candidates") {
    auto rev = [](std::string id, std::vector<std::string> parents) {
        return revision_info{id, std::move(parents), {}, {}, "msg", "", id + ".cpp"};
    };
    graph::revision_graph g({rev("abcd1111", {}), rev("abcd2222", {"abcd1111"}), rev("ffff0000", {"abcd2222"})});
    graph::revision_map m(g);
    try {
        run(m, "upgrade", {}, "abcd");
        FAIL("no error");
    } catch (const resolution_error& e) {
        CHECK(std::string(e.what()) == "several revisions start with 'abcd': abcd1111, abcd2222");
        CHECK(e.candidates() == std::vector<std::string>{"abcd1111", "abcd2222"});
    }
    CHECK(run(m, "upgrade", {}, "abcd2") == "+abcd1111 +abcd2222|abcd2222");
}

TEST_CASE("downgrade -1 from several heads is refused (Alembic only warns, see docs/alembic-differences.md)") {
    auto g = branched();
    graph::revision_map m(g);
    CHECK_THROWS_WITH_AS(run(m, "downgrade", both, "-1"), doctest::Contains("several heads"), resolution_error);
    CHECK(run(m, "downgrade", both, "audit@-1") == "-8888bbbb|6666ffff,7777aaaa");
}
