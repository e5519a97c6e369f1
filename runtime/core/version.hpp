// The runner's release, recorded in every history row.
#pragma once

namespace retort {
inline constexpr const char* runner_version = "0.1.0";
}
