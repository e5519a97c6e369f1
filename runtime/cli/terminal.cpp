#include "cli/terminal.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <unistd.h>

namespace retort::cli {

namespace {
bool env_set(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}
}  // namespace

bool stderr_wants_color() {
    if (env_set("NO_COLOR") || !isatty(STDERR_FILENO)) return false;
    const char* term = std::getenv("TERM");
    return !(term && std::string_view(term) == "dumb");
}

output_options detect_output(bool echo, bool quiet) {
    output_options o;
    o.echo = echo;
    o.quiet = quiet;
    o.color = stderr_wants_color();
    o.progress = !quiet && isatty(STDERR_FILENO);
    return o;
}

std::string paint(bool color, const char* code, const std::string& text) {
    if (!color) return text;
    return std::string("\033[") + code + "m" + text + "\033[0m";
}

std::string human_duration(double seconds) {
    char buf[48];
    if (seconds < 0.01) std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1000);
    else if (seconds < 1) std::snprintf(buf, sizeof buf, "%.0f ms", seconds * 1000);
    else if (seconds < 60) std::snprintf(buf, sizeof buf, "%.1f s", seconds);
    else std::snprintf(buf, sizeof buf, "%d min %d s", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
    return buf;
}

}  // namespace retort::cli
