// fleet-status: a coordinated fleet run's progress, read from the control database from anywhere.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "fleet/coordination.hpp"

#include <iostream>

namespace retort::cli {

int cmd_fleet_status(context&, const std::vector<std::string>& args) {
    std::string control, run;
    boost::program_options::options_description desc;
    desc.add_options()("control", boost::program_options::value(&control)->value_name("URL"),
                       "the control database of the coordinated runs")(
        "run-id", boost::program_options::value(&run), "only this run");
    if (!parse_command("fleet-status",
                       "runner fleet-status --control URL [--run-id ID]\n\nShows every coordinated fleet run "
                       "(upgrade --coordinate) the control database holds, newest first: how many targets are ok, "
                       "failed, unreachable, claimed or pending, and the error of each failed one. Reads the "
                       "control database only.\nExample: runner fleet-status --control postgresql://ops@ctl/fleet",
                       desc, {}, args))
        return exit_ok;
    if (control.empty()) throw usage_error("fleet-status needs --control URL");
    auto runs = fleet::fleet_status(control, run);
    if (runs.empty()) {
        std::cout << "no coordinated fleet runs" << (run.empty() ? "" : " named '" + run + "'") << "\n";
        return exit_ok;
    }
    for (const auto& r : runs) {
        std::cout << "run " << r.run << " (started " << r.started << ", last change " << r.updated << ")\n"
                  << "  ok " << r.ok << ", failed " << r.failed << ", unreachable " << r.unreachable << ", claimed "
                  << r.claimed << ", pending " << r.pending << "\n";
        for (const auto& p : r.problems)
            std::cout << "  " << fleet::status_name(p.state) << ": " << p.name << ": " << p.error_message << "\n";
    }
    return exit_ok;
}

}  // namespace retort::cli
