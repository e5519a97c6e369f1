// Any bytes as a revision source file: the scanner returns a header or throws scan_error, and
// never crashes, hangs or reads out of bounds; an accepted ID is always a valid one.
#include "scanner.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto header = retort::gen::parse_revision_source(text, "fuzz.cpp");
        if (!retort::gen::valid_revision_id(header.id)) std::abort();
        for (const auto& p : header.parents)
            if (p.empty()) std::abort();
        (void)retort::gen::symbol_for(header.id);
    } catch (const retort::gen::scan_error&) {
    }
    return 0;
}
