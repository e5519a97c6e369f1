#include "cli/options.hpp"

#include "core/errors.hpp"

#include <cctype>
#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;

bool parse_command(const std::string& name, const std::string& usage, po::options_description& desc,
                   const std::vector<std::string>& positional, const std::vector<std::string>& args) {
    po::options_description all;
    all.add(desc);
    all.add_options()("help,h", po::bool_switch(), "show this help");
    po::positional_options_description pos;
    for (const auto& p : positional) pos.add(p.c_str(), 1);
    try {
        po::variables_map vm;
        // Negative targets ("-1", "-2") are arguments, not options: move them behind "--".
        auto style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
        std::vector<std::string> fixed, negatives;
        for (const auto& a : args) {
            bool negative = a.size() > 1 && a[0] == '-' && std::isdigit(static_cast<unsigned char>(a[1]));
            (negative ? negatives : fixed).push_back(a);
        }
        if (!negatives.empty()) {
            fixed.push_back("--");
            fixed.insert(fixed.end(), negatives.begin(), negatives.end());
        }
        po::store(po::command_line_parser(fixed).options(all).positional(pos).style(style).run(), vm);
        if (vm.count("help") && vm["help"].as<bool>()) {
            std::cout << usage << "\n\nOptions:\n" << all
                      << "\nGlobal options (-d URL, --config FILE, --echo, -q, ...) work here too; see 'runner --help'.\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::required_option& e) {
        std::string missing = e.get_option_name();
        if (missing.rfind("--", 0) == 0) missing = missing.substr(2);
        for (auto& c : missing) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        throw usage_error(name + " needs a " + missing + " (see 'runner " + name + " --help')");
    } catch (const po::error& e) {
        throw usage_error(name + ": " + e.what() + " (see 'runner " + name + " --help')");
    }
    return true;
}

}  // namespace retort::cli
