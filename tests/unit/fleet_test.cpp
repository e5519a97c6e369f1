// Fleet targets and scheduling without a database: parsing, duplicates, canary, max-failures.
#include "core/errors.hpp"
#include "fleet/fleet_run.hpp"
#include "fleet/targets.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <set>

using namespace retort;

TEST_CASE("a targets file: URLs or name<TAB>url, comments and blank lines, names default to host:port/db") {
    auto t = fleet::parse_targets("# tenants\n\npostgresql://app:pw@db1:5433/t1\nacme\tpostgresql://app@db2/t2\n"
                                  "  host=db3 port=6000 dbname=t3 password='x y'  \n",
                                  "targets.txt");
    REQUIRE(t.size() == 3);
    CHECK(t[0].name == "db1:5433/t1");
    CHECK(t[1].name == "acme");
    CHECK(t[1].conninfo == "postgresql://app@db2/t2");
    CHECK(t[2].name == "db3:6000/t3");
    CHECK(fleet::masked(t[0].conninfo).find("pw") == std::string::npos);
}

TEST_CASE("bad targets are usage errors naming the line") {
    CHECK_THROWS_WITH_AS(fleet::parse_targets("ok\tpostgresql://a@h/d\nbad\tpostgresql://a@h/d?bogus=1\n", "f"),
                         doctest::Contains("f:2: invalid connection string"), usage_error);
    CHECK_THROWS_WITH_AS(fleet::read_targets_file("/nonexistent/targets"),
                         "--targets /nonexistent/targets: cannot read the file", usage_error);
}

TEST_CASE("duplicate targets: the same name, or the same host, port, database and schema however written") {
    auto same_place = fleet::parse_targets("a\tpostgresql://u@h:5432/d\nb\thost=h dbname=d user=u\n", "f");
    CHECK_THROWS_WITH_AS(fleet::refuse_duplicates(same_place),
                         "targets 'a' and 'b' are the same database (h:5432/d)", usage_error);
    auto same_name = fleet::parse_targets("a\tpostgresql://u@h/d1\na\tpostgresql://u@h/d2\n", "f");
    CHECK_THROWS_WITH_AS(fleet::refuse_duplicates(same_name), "duplicate target name 'a'", usage_error);
    auto schemas = fleet::schema_targets("postgresql://u@h/d", {"s1", "s2"});
    CHECK_NOTHROW(fleet::refuse_duplicates(schemas));
    CHECK_THROWS_AS(fleet::refuse_duplicates(fleet::schema_targets("postgresql://u@h/d", {"s1", "s1"})), usage_error);
}

namespace {
std::vector<fleet::target> numbered(int n) {
    std::vector<fleet::target> out;
    for (int i = 0; i < n; ++i) out.push_back({"t" + std::to_string(i), "postgresql://u@h/d" + std::to_string(i), ""});
    return out;
}
fleet::record ends(const fleet::target& t, fleet::status s) {
    fleet::record r;
    r.name = t.name;
    r.state = s;
    return r;
}
}  // namespace

TEST_CASE("every target runs once, and a failing target does not stop the others") {
    auto targets = numbered(50);
    std::atomic<int> runs{0};
    auto records = fleet::run_fleet(targets, {.jobs = 8}, [&](const fleet::target& t) {
        ++runs;
        return ends(t, t.name == "t7" ? fleet::status::failed : fleet::status::ok);
    });
    CHECK(runs == 50);
    CHECK(records[7].state == fleet::status::failed);
    CHECK(std::count_if(records.begin(), records.end(), [](auto& r) { return r.state == fleet::status::ok; }) == 49);
}

TEST_CASE("--max-failures: no new target starts after K failures, the rest are not attempted") {
    auto targets = numbered(20);
    auto records = fleet::run_fleet(targets, {.jobs = 1, .max_failures = 2}, [&](const fleet::target& t) {
        return ends(t, t.name == "t3" || t.name == "t5" ? fleet::status::unreachable : fleet::status::ok);
    });
    CHECK(records[5].state == fleet::status::unreachable);
    for (std::size_t i = 6; i < records.size(); ++i) CHECK(records[i].state == fleet::status::not_attempted);
}

TEST_CASE("--canary K runs the first K alone and stops when one fails") {
    auto targets = numbered(10);
    std::vector<std::string> order;
    std::mutex m;
    auto failing = fleet::run_fleet(targets, {.jobs = 4, .canary = 3}, [&](const fleet::target& t) {
        std::lock_guard<std::mutex> g(m);
        order.push_back(t.name);
        return ends(t, t.name == "t1" ? fleet::status::failed : fleet::status::ok);
    });
    CHECK(std::set<std::string>(order.begin(), order.end()) == std::set<std::string>{"t0", "t1", "t2"});
    CHECK(failing[3].state == fleet::status::not_attempted);
    order.clear();
    auto passing = fleet::run_fleet(targets, {.jobs = 4, .canary = 3},
                                    [&](const fleet::target& t) { return ends(t, fleet::status::ok); });
    CHECK(std::all_of(passing.begin(), passing.end(), [](auto& r) { return r.state == fleet::status::ok; }));
}
