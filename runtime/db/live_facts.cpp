#include "db/live_facts.hpp"

#include "db/session.hpp"

#include <pqxx/pqxx>

#include <cctype>
#include <cstdlib>
#include <vector>

namespace retort::db {

namespace {

/// to_regclass of schema.table, quoting as PostgreSQL needs (an empty schema: the search path).
const char* regclass_sql = "to_regclass(CASE WHEN $1 = '' THEN quote_ident($2) ELSE quote_ident($1) || '.' || quote_ident($2) END)";

/// "varchar(30)" -> name "varchar", numbers {30}.
struct parsed_type {
    std::string name;
    std::vector<long> numbers;
};
parsed_type parse_type(const std::string& text) {
    parsed_type out;
    auto open = text.find('(');
    out.name = text.substr(0, open);
    while (!out.name.empty() && out.name.back() == ' ') out.name.pop_back();
    if (open == std::string::npos) return out;
    for (std::size_t i = open; i < text.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(text[i]))) {
            std::size_t end = i;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
            out.numbers.push_back(std::strtol(text.substr(i, end - i).c_str(), nullptr, 10));
            i = end;
        }
    // "timestamp(3) with time zone": the words after the parentheses belong to the name.
    auto close = text.find(')', open);
    if (close != std::string::npos && close + 1 < text.size()) out.name += text.substr(close + 1);
    return out;
}

/// PostgreSQL's typmod for the length/precision forms the renderer writes; -1 for none.
long typmod_of(const std::string& type_name, const std::vector<long>& n) {
    if (n.empty()) return -1;
    if (type_name == "varchar" || type_name == "character varying" || type_name == "char" ||
        type_name == "character" || type_name == "bpchar")
        return n[0] + 4;
    if (type_name == "numeric" || type_name == "decimal") return ((n[0] << 16) | (n.size() > 1 ? n[1] : 0)) + 4;
    return -2;  // a typmod this function does not compute: assume the worst
}

bool has_valid_not_null_check(pqxx::work& tx, const locks::table_lock& t, const std::string& column) {
    auto r = tx.exec_params(std::string("SELECT 1 FROM pg_constraint WHERE conrelid = ") + regclass_sql +
                                " AND contype = 'c' AND convalidated AND pg_get_constraintdef(oid) = "
                                "'CHECK ((' || quote_ident($3) || ' IS NOT NULL))'",
                            t.schema, t.table, column);
    return !r.empty();
}

bool binary_coercible(pqxx::work& tx, const locks::table_lock& t, const std::string& column,
                      const std::string& new_type) {
    auto parsed = parse_type(new_type);
    long new_mod = typmod_of(parsed.name, parsed.numbers);
    if (new_mod == -2) return false;
    auto r = tx.exec_params(std::string("SELECT a.atttypid::bigint, a.atttypmod, to_regtype($4)::oid::bigint, "
                                        "(SELECT castmethod FROM pg_cast WHERE castsource = a.atttypid "
                                        "AND casttarget = to_regtype($4)) FROM pg_attribute a WHERE a.attrelid = ") +
                                regclass_sql + " AND a.attname = $3 AND NOT a.attisdropped",
                            t.schema, t.table, column, parsed.name);
    if (r.empty() || r[0][2].is_null()) return false;
    long long old_oid = r[0][0].as<long long>(), new_oid = r[0][2].as<long long>();
    long old_mod = r[0][1].as<long>();
    if (old_oid == new_oid) {
        if (new_mod == -1) return true;                       // varchar(20) -> varchar
        if (old_mod == -1) return false;                      // varchar -> varchar(20) checks every value
        if (parsed.name == "numeric" || parsed.name == "decimal")  // same scale, more precision
            return ((new_mod - 4) & 0xffff) == ((old_mod - 4) & 0xffff) && new_mod >= old_mod;
        return new_mod >= old_mod;
    }
    return !r[0][3].is_null() && r[0][3].as<std::string>() == "b" && new_mod == -1;  // varchar(20) -> text
}

}  // namespace

locks::table_size size_of(session& s, const std::string& schema, const std::string& table) {
    pqxx::work tx(s.native());
    auto r = tx.exec_params(std::string("SELECT c.reltuples::bigint, pg_total_relation_size(c.oid), "
                                        "coalesce((SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = c.oid), 0) "
                                        "FROM pg_class c WHERE c.oid = ") +
                                regclass_sql,
                            schema, table);
    locks::table_size out;
    if (r.empty()) return out;
    out.exists = true;
    long long reltuples = r[0][0].as<long long>();
    out.rows = reltuples >= 0 ? reltuples : r[0][2].as<long long>();  // -1: never analyzed (PostgreSQL 14+)
    out.bytes = r[0][1].as<long long>();
    return out;
}

void refine(session& s, locks::statement_facts& f) {
    if (f.tables.empty() || f.refine == locks::refinement::none) return;
    pqxx::work tx(s.native());
    auto& own = f.tables.front();
    switch (f.refine) {
        case locks::refinement::none: break;
        case locks::refinement::not_null_check:
            if (f.work == locks::cost::scan && has_valid_not_null_check(tx, own, f.column)) {
                f.work = locks::cost::catalog;
                f.note = "a valid CHECK (" + f.column + " IS NOT NULL) exists: no scan";
            }
            break;
        case locks::refinement::type_change:
            if (f.work == locks::cost::rewrite && !f.using_expression && binary_coercible(tx, own, f.column, f.new_type)) {
                f.work = locks::cost::catalog;
                f.note = "binary coercible: no rewrite";
            }
            break;
        case locks::refinement::index_table: {
            auto r = tx.exec_params(std::string("SELECT n.nspname, c.relname FROM pg_index i JOIN pg_class c ON c.oid = "
                                                "i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                                                "i.indexrelid = ") +
                                        regclass_sql,
                                    own.schema, own.table);
            if (!r.empty()) {
                own.schema = r[0][0].as<std::string>();
                own.table = r[0][1].as<std::string>();
                f.refine = locks::refinement::none;
            }
            break;
        }
    }
}

}  // namespace retort::db
