// The runner's operator new (runtime/cli/startup_heap.cpp), which the unit tests run under too:
// blocks are aligned, distinct and usable from several threads, before and after the huge-page
// region is used up, and delete takes both kinds back.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <new>
#include <thread>
#include <vector>

namespace {
struct block {
    unsigned char* p;
    std::size_t n;
    unsigned char mark;
};

// Allocates `count` blocks of varied sizes (0 included), fills each with its own byte.
std::vector<block> allocate(std::size_t count, unsigned char seed) {
    std::vector<block> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::size_t n = (i * 37 + seed) % 700;
        auto mark = static_cast<unsigned char>(seed + i);
        auto p = static_cast<unsigned char*>(::operator new(n));
        if (n) std::memset(p, mark, n);
        out.push_back({p, n, mark});
    }
    return out;
}

bool intact(const std::vector<block>& blocks) {
    for (const auto& b : blocks)
        for (std::size_t i = 0; i < b.n; ++i)
            if (b.p[i] != b.mark) return false;
    return true;
}
}  // namespace

TEST_CASE("operator new: aligned, distinct blocks from four threads, past the huge-page region") {
    // 4 threads x 3,000 blocks of up to 700 bytes: about 4 MiB, twice the region.
    std::vector<std::vector<block>> per_thread(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < per_thread.size(); ++t)
        threads.emplace_back([&, t] { per_thread[t] = allocate(3000, static_cast<unsigned char>(t * 61)); });
    for (auto& th : threads) th.join();

    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;
    for (const auto& blocks : per_thread) {
        CHECK(intact(blocks));  // no other thread wrote into them
        for (const auto& b : blocks) {
            auto at = reinterpret_cast<std::uintptr_t>(b.p);
            CHECK(at % __STDCPP_DEFAULT_NEW_ALIGNMENT__ == 0);
            ranges.emplace_back(at, at + (b.n ? b.n : 1));
        }
    }
    std::sort(ranges.begin(), ranges.end());
    bool overlap = false;
    for (std::size_t i = 1; i < ranges.size(); ++i) overlap = overlap || ranges[i].first < ranges[i - 1].second;
    CHECK_FALSE(overlap);

    for (auto& blocks : per_thread)
        for (const auto& b : blocks) ::operator delete(b.p);
}

TEST_CASE("operator new: containers and smart pointers keep working once the region is used up") {
    std::vector<std::unique_ptr<std::vector<int>>> many;
    for (int i = 0; i < 2000; ++i) many.push_back(std::make_unique<std::vector<int>>(300, i));  // 2.4 MB
    long sum = 0;
    for (const auto& v : many) sum += v->back();
    CHECK(sum == 1999L * 2000 / 2);
    many.clear();
    auto big = std::make_unique<char[]>(8 << 20);  // larger than the region itself
    big[(8 << 20) - 1] = 'x';
    CHECK(big[(8 << 20) - 1] == 'x');
}

TEST_CASE("operator new with an alignment: aligned and distinct, in the region and past it") {
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;
    std::vector<std::pair<void*, std::align_val_t>> blocks;
    bool aligned = true, intact_all = true;
    // About 3 MiB in all: the first blocks come from the region, the later ones from aligned_alloc.
    // The largest alignment is past what the region hands out.
    for (std::size_t i = 0; i < 1200; ++i) {
        std::size_t align = std::size_t(32) << (i % 8);  // 32 B .. 4 KiB
        if (i == 1199) align = std::size_t(4) << 20;
        std::size_t n = (i * 53) % 5000 + 1;
        void* p = ::operator new(n, std::align_val_t(align));
        std::memset(p, static_cast<int>(i & 0xff), n);
        aligned = aligned && reinterpret_cast<std::uintptr_t>(p) % align == 0;
        auto at = reinterpret_cast<std::uintptr_t>(p);
        ranges.emplace_back(at, at + n);
        blocks.emplace_back(p, std::align_val_t(align));
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        auto bytes = static_cast<unsigned char*>(blocks[i].first);
        intact_all = intact_all && bytes[0] == (i & 0xff) && bytes[ranges[i].second - ranges[i].first - 1] == (i & 0xff);
    }
    CHECK(aligned);
    CHECK(intact_all);
    std::sort(ranges.begin(), ranges.end());
    bool overlap = false;
    for (std::size_t i = 1; i < ranges.size(); ++i) overlap = overlap || ranges[i].first < ranges[i - 1].second;
    CHECK_FALSE(overlap);
    for (auto [p, align] : blocks) ::operator delete(p, align);

    // What the revision graph uses: a monotonic buffer allocates over-aligned.
    std::pmr::monotonic_buffer_resource arena;
    std::pmr::vector<std::pmr::string> words(&arena);
    for (int i = 0; i < 5000; ++i) words.emplace_back(std::to_string(i) + " a word long enough to leave the string");
    CHECK(words[4321].substr(0, 5) == "4321 ");
}
