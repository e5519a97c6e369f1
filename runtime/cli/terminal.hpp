// How the runner talks to a person: colour and the progress line only when stderr is a terminal
// (and never with NO_COLOR set), statement echo with --echo, silence with -q. Data on stdout is
// never coloured, so pipes and scripts see the same bytes as before.
#pragma once

#include <string>

namespace retort::cli {

struct output_options {
    bool echo = false;      ///< --echo: each statement with its duration, on stderr
    bool quiet = false;     ///< -q: no "Running ..." lines, no progress, only errors
    bool color = false;     ///< ANSI colour on stderr
    bool progress = false;  ///< the "revision k of n" line on stderr
};

/// Colour and progress from the terminal and the environment; echo and quiet as the user asked.
output_options detect_output(bool echo, bool quiet);

/// True when stderr is a terminal and neither NO_COLOR (any non-empty value) nor TERM=dumb says no.
bool stderr_wants_color();

/// `text` wrapped in the SGR `code` ("31" red, "1;32" bold green, "2" dim) when `color` is set.
std::string paint(bool color, const char* code, const std::string& text);

/// "0.4 ms", "12 ms", "3.2 s", "2 min 5 s": durations a person reads at a glance.
std::string human_duration(double seconds);

}  // namespace retort::cli
