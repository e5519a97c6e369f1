// Mistakes the compiler cannot see but the build can: an index on no columns, a foreign key whose
// column lists differ in length... The runner's `check-revisions` command (run after every build)
// and every run report them with the file and line of the offending call.
#pragma once

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort {

struct problem {
    origin where;
    std::string message;
};

/// Which function of a revision recorded: some operations belong to one of them only.
enum class recorded_by { upgrade, downgrade };

/// Every problem in what one revision function recorded; empty when it is sound.
std::vector<problem> check_recording(const recording& r, recorded_by which = recorded_by::upgrade);

/// "file:line: error: message", the shape compilers and editors understand.
std::string describe(const problem& p);

}  // namespace retort
