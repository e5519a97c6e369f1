// Times the schema model's catalog read alone (bench/schema_model.py): reads the model of the
// database at URL RUNS times and prints the median in milliseconds and the model's size.
//   bench_schema_read URL RUNS
#include "db/session.hpp"
#include "schema/catalog_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: bench_schema_read URL RUNS\n";
        return 2;
    }
    retort::db::session s(argv[1]);
    const retort::schema::read_options skip{{{"", "retort_version"}, {"", "retort_history"}}};
    std::vector<double> ms;
    retort::schema::schema model;
    for (int i = 0; i < std::atoi(argv[2]); ++i) {
        auto start = std::chrono::steady_clock::now();
        model = retort::schema::read_schema(s, skip);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::size_t columns = 0;
    for (const auto& t : model.tables) columns += t.columns.size();
    std::cout << "median_ms " << ms[ms.size() / 2] << " min_ms " << ms.front() << " max_ms " << ms.back() << "\n"
              << "tables " << model.tables.size() << " columns " << columns << " indexes " << model.indexes.size()
              << " constraints " << model.constraints.size() << "\n";
}
