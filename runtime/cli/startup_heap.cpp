// The runner's first 2 MiB of C++ allocations come from one huge page.
//
// A command that does not connect is over in a few milliseconds, and on a virtual machine most of
// them go to page faults: each first touch of a 4 KiB heap page costs about 10 µs here, and
// loading 1,000 revisions touches about 180 of them. The same bytes in one transparent huge page
// cost one fault (docs/performance.md, "Start-up"). So the global operator new hands out memory
// from a 2 MiB region advised MADV_HUGEPAGE, by bumping a pointer, and falls back to malloc once
// the region is used up or could not be mapped. Freed blocks of the region are not reused: a
// short command never misses them, and a long one (a fleet run) spends at most these 2 MiB.
// It lives in the runner (a replaced operator new is the program's, for every library it loads,
// the database module included), and it is the same with or without huge pages on the machine.
#include <sys/mman.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t region_size = std::size_t(2) << 20;
constexpr std::size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

struct region {
    char* begin = nullptr;
    std::atomic<std::size_t> used{0};

    region() {
        // Twice the size, so that a 2 MiB-aligned 2 MiB range lies inside (a huge page needs one).
        void* mapped = mmap(nullptr, 2 * region_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED) return;
        auto aligned = (reinterpret_cast<std::uintptr_t>(mapped) + region_size - 1) & ~(region_size - 1);
        begin = reinterpret_cast<char*>(aligned);
        madvise(begin, region_size, MADV_HUGEPAGE);  // advice only: without THP, ordinary pages
    }

    /// n bytes aligned to `align` (a power of two, at least the default), or nullptr.
    void* take(std::size_t n, std::size_t align = alignment) noexcept {
        if (!begin || align > region_size / 2) return nullptr;
        std::size_t size = (n + alignment - 1) & ~(alignment - 1);
        if (size == 0) size = alignment;  // every new returns a distinct pointer
        // Room to align up inside the block: the region starts 2 MiB-aligned, offsets are
        // multiples of the default alignment.
        std::size_t reserve = size + align - alignment;
        std::size_t at = used.fetch_add(reserve, std::memory_order_relaxed);
        if (at + reserve > region_size) return nullptr;
        return begin + ((at + align - 1) & ~(align - 1));
    }

    bool holds(const void* p) const noexcept {
        auto c = static_cast<const char*>(p);
        return begin && c >= begin && c < begin + region_size;
    }
};

region& the_region() {
    static region r;  // first used during static initialisation, before any thread exists
    return r;
}

}  // namespace

void* operator new(std::size_t n) {
    if (void* p = the_region().take(n)) return p;
    while (true) {
        if (void* p = std::malloc(n ? n : 1)) return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

void* operator new[](std::size_t n) { return ::operator new(n); }

// Over-aligned types (std::pmr's buffers, which hold the revision graph) come from the region too.
void* operator new(std::size_t n, std::align_val_t al) {
    auto align = static_cast<std::size_t>(al);
    if (align < alignment) align = alignment;
    if (void* p = the_region().take(n, align)) return p;
    std::size_t size = (n + align - 1) & ~(align - 1);  // aligned_alloc wants a multiple
    while (true) {
        if (void* p = std::aligned_alloc(align, size ? size : align)) return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

void* operator new[](std::size_t n, std::align_val_t al) { return ::operator new(n, al); }

void operator delete(void* p) noexcept {
    if (!p || the_region().holds(p)) return;
    std::free(p);
}

void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::align_val_t) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { ::operator delete(p); }
