// Sixteen runners started at once on `upgrade head`: all exit 0 and each revision is applied
// exactly once, as retort_history records it.
#include "background.hpp"
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>

using namespace retort::test;

TEST_CASE("16 runners at once: every one exits 0, each revision applied exactly once") {
    constexpr int runners = 16;
    scratch_database db("it_concurrency");
    std::vector<std::unique_ptr<background>> started;
    for (int i = 0; i < runners; ++i)
        started.push_back(std::make_unique<background>(
            std::vector<std::string>{build_dir() + "/runner", "-d", db.url(), "upgrade", "head"},
            build_dir() + "/it_concurrency_" + std::to_string(i) + ".log", std::map<std::string, std::string>{{"DATABASE_URL", ""}}));
    int ok = 0, running_lines = 0;
    for (int i = 0; i < runners; ++i) {
        int status = started[i]->wait();
        std::ifstream in(build_dir() + "/it_concurrency_" + std::to_string(i) + ".log");
        std::stringstream text;
        text << in.rdbuf();
        CHECK_MESSAGE(status == 0, text.str());
        ok += status == 0;
        for (std::string line; std::getline(text, line);) running_lines += line.rfind("Running upgrade", 0) == 0;
    }
    auto revisions = run({build_dir() + "/runner", "history"}).out;
    int revision_count = static_cast<int>(count_lines(revisions));
    CHECK(ok == runners);
    CHECK(running_lines == revision_count);
    CHECK(db.value("SELECT count(*) FROM retort_history") == std::to_string(revision_count));
    CHECK(db.value("SELECT count(DISTINCT revision) FROM retort_history WHERE direction = 'upgrade'") ==
          std::to_string(revision_count));
    CHECK(db.value("SELECT count(*) FROM retort_version") == "1");
    MESSAGE(runners << " runners at once, " << revision_count << " revisions, "
                    << db.value("SELECT count(*) FROM retort_history") << " history rows");
}
