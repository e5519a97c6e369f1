#include "render/version_table.hpp"

#include "render/quoting.hpp"

namespace retort::render {

std::string version_table::qualified_name() const { return qualified(schema, name); }

statement create_version_table(const version_table& table) {
    // Alembic's exact shape (varchar(32), primary key named <table>_pkc), so an alembic_version
    // table and a retort_version table are interchangeable.
    return {"CREATE TABLE IF NOT EXISTS " + table.qualified_name() + " (\n    version_num VARCHAR(32) NOT NULL,\n" +
            "    CONSTRAINT " + quote_identifier(table.name + "_pkc") + " PRIMARY KEY (version_num)\n)"};
}

std::string select_versions(const version_table& table) {
    return "SELECT version_num FROM " + table.qualified_name() + " ORDER BY version_num";
}

std::vector<statement> version_changes(const version_table& table, const std::vector<std::string>& deletes,
                                       const std::vector<std::pair<std::string, std::string>>& updates,
                                       const std::vector<std::string>& inserts) {
    std::vector<statement> out;
    const std::string name = table.qualified_name();
    for (const auto& [from, to] : updates)
        out.push_back({"UPDATE " + name + " SET version_num = " + quote_literal(to) + " WHERE version_num = " +
                       quote_literal(from)});
    for (const auto& id : deletes) out.push_back({"DELETE FROM " + name + " WHERE version_num = " + quote_literal(id)});
    for (const auto& id : inserts)
        out.push_back({"INSERT INTO " + name + " (version_num) VALUES (" + quote_literal(id) + ")"});
    return out;
}

}  // namespace retort::render
