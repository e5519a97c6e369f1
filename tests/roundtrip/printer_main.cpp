// Build step of the round trip: records every catalogue revision (linked in) and every_option,
// and writes their bodies as DSL source (autogen::dsl_source) into one C++ file that the
// roundtrip_tests binary compiles and records again.
#include "printed.hpp"

#include "autogen/dsl_source.hpp"
#include "core/registry.hpp"

#include <retort/operations.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

void write_body(std::ostream& out, const std::string& ns, void (*upgrade)(retort::ops&),
                void (*downgrade)(retort::ops&)) {
    out << "namespace " << ns << " {\n\nvoid upgrade(ops& op) {\n"
        << retort::autogen::dsl_source(retort::record(upgrade)) << "}\n\nvoid downgrade(ops& op) {\n"
        << retort::autogen::dsl_source(retort::record(downgrade)) << "}\n\n}  // namespace " << ns << "\n\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: roundtrip_printer OUT.cpp\n";
        return 2;
    }
    try {
        auto loaded = retort::load_registry();
        std::ostringstream out, table;
        out << "// Written by roundtrip_printer from the catalogue fixture; do not edit.\n"
               "#include \"printed.hpp\"\n\nusing namespace retort;\n\n";
        for (std::size_t i = 0; i < loaded.bodies.size(); ++i) {
            const std::string& id = loaded.graph[i].id;
            write_body(out, "printed_" + id, loaded.bodies[i]->upgrade, loaded.bodies[i]->downgrade);
            table << "    {\"" << id << "\", &printed_" << id << "::upgrade, &printed_" << id << "::downgrade},\n";
        }
        write_body(out, "printed_every_option", &retort::test::every_option_upgrade,
                   &retort::test::every_option_downgrade);
        table << "    {\"every_option\", &printed_every_option::upgrade, &printed_every_option::downgrade},\n";
        out << "namespace retort::test {\nconst printed_revision printed_revisions[] = {\n"
            << table.str() << "};\nconst std::size_t printed_revision_count = "
            << loaded.bodies.size() + 1 << ";\n}  // namespace retort::test\n";
        // Rewritten only when it changes, so an unchanged printer does not recompile the tests.
        std::ifstream old(argv[1], std::ios::binary);
        std::string before((std::istreambuf_iterator<char>(old)), std::istreambuf_iterator<char>());
        if (before == out.str()) return 0;
        std::ofstream file(argv[1], std::ios::binary | std::ios::trunc);
        file << out.str();
        return file ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "roundtrip_printer: " << e.what() << "\n";
        return 1;
    }
}
