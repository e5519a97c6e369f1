// How a dynamically linked runner reaches the database module: dlopen, once, from the path its
// build fixed (cli/online.hpp). A static runner execs its connecting program instead
// (online_program_loader.cpp).
#include "cli/online.hpp"

#include "core/errors.hpp"

#include <dlfcn.h>

namespace retort::cli {

namespace {
const online_interface& load(const std::string& path) {
    if (path.empty())
        throw error("this runner was built without Retort's database module, so it cannot connect to a database");
    // RTLD_GLOBAL: not needed for the runner's own symbols (the module binds to them anyway), but it
    // keeps one copy of libstdc++'s and Boost's state if a later load ever asks.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (!handle) {
        const char* why = dlerror();
        throw error("cannot load Retort's database module " + path + ": " + (why ? why : "unknown reason") +
                    " (reinstall Retort, or rebuild this runner)");
    }
#define RETORT_STRINGIFY_(x) #x
#define RETORT_STRINGIFY(x) RETORT_STRINGIFY_(x)
    auto entry = reinterpret_cast<const online_interface* (*)()>(dlsym(handle, RETORT_STRINGIFY(RETORT_ONLINE_ENTRY)));
    if (!entry) throw error("Retort's database module " + path + " has no entry point (a different Retort version?)");
    return *entry();
}
}  // namespace

// `path` is the build tree's module, or the installed package's (add_migrations writes it).
const online_interface& load_online_module(const char* path) {
    static const online_interface& loaded = load(path);
    return loaded;
}

}  // namespace retort::cli
