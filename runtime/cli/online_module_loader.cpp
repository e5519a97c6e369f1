// How a dynamically linked runner reaches the database module: dlopen, once, from the path its
// build fixed (cli/online.hpp). A static runner execs its connecting program instead
// (online_program_loader.cpp).
#include "cli/online.hpp"

#include "core/errors.hpp"

#include <dlfcn.h>

namespace retort::cli {

/// The module's path: written by add_migrations into each runner (the build tree's module, or the
/// installed package's).
extern const char* const online_module_path;

namespace {
const online_interface& load() {
    std::string path = online_module_path;
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

const online_interface& online() {
    static const online_interface& loaded = load();
    return loaded;
}

}  // namespace retort::cli
