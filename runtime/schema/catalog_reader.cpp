#include "schema/catalog_reader.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <map>

namespace retort::schema {

namespace {

// Lists come back as text: fields joined by US (chr 31), records by RS (chr 30). Names cannot
// hold these control characters in practice, and one text column keeps every kind one query.
constexpr char field_sep = '\x1f';
constexpr char record_sep = '\x1e';

// Every query's view of "the user's relations": outside system schemas and extensions, and not
// one of the tables left out ($1 schemas, $2 names).
constexpr const char* rel_cte = R"SQL(
WITH rel AS (
    SELECT c.oid, c.relkind, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
      AND n.nspname NOT LIKE 'pg\_temp%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                      AND e.deptype = 'e')
      AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) s(sch, nm)
                      WHERE s.nm = c.relname AND (s.sch = '' OR s.sch = n.nspname))
)
)SQL";

// A schema or object that is the user's: not a system schema, not a member of an extension.
std::string user_object(const std::string& nsp, const std::string& catalog, const std::string& oid) {
    return nsp + ".nspname NOT IN ('pg_catalog', 'information_schema') AND " + nsp +
           ".nspname NOT LIKE 'pg\\_toast%' AND " + nsp + ".nspname NOT LIKE 'pg\\_temp%' AND NOT EXISTS (SELECT 1 "
           "FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = " + oid +
           " AND e.deptype = 'e')";
}

constexpr const char* namespaces_sql = R"SQL(
SELECT n.nspname, coalesce(obj_description(n.oid, 'pg_namespace'), '') FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid
                  AND e.deptype = 'e')
)SQL";

// plpgsql is in every database PostgreSQL creates; it is not part of anyone's schema.
constexpr const char* extensions_sql = R"SQL(
SELECT e.extname, n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
)SQL";

std::string types_sql() {
    return R"SQL(
SELECT t.typtype, n.nspname, t.typname,
    coalesce((SELECT string_agg(l.enumlabel, chr(31) ORDER BY l.enumsortorder) FROM pg_enum l
              WHERE l.enumtypid = t.oid), ''),
    coalesce(format_type(t.typbasetype, t.typtypmod), ''),
    coalesce((SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
              JOIN pg_namespace cn ON cn.oid = co.collnamespace JOIN pg_type b ON b.oid = t.typbasetype
              WHERE co.oid = t.typcollation AND t.typcollation <> b.typcollation), ''),
    t.typnotnull, coalesce(pg_get_expr(t.typdefaultbin, 0), ''),
    coalesce((SELECT string_agg(d.conname || chr(31) || pg_get_constraintdef(d.oid), chr(30) ORDER BY d.conname)
              FROM pg_constraint d WHERE d.contypid = t.oid), ''),
    coalesce(obj_description(t.oid, 'pg_type'), '')
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE )SQL" + user_object("n", "pg_type", "t.oid") + R"SQL(
  AND (t.typtype IN ('e', 'd', 'r', 'b') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
  AND NOT (t.typelem <> 0 AND t.typlen = -1 AND t.typtype = 'b')
)SQL";
}

constexpr const char* sequences_sql = R"SQL(
SELECT rel.nspname, rel.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
    s.seqcache, s.seqcycle,
    coalesce((SELECT tn.nspname || chr(31) || tc.relname || chr(31) || a.attname FROM pg_depend d
              JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
              JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
              WHERE d.classid = 'pg_class'::regclass AND d.objid = rel.oid AND d.deptype = 'a'
                AND d.refclassid = 'pg_class'::regclass), ''),
    coalesce(obj_description(rel.oid, 'pg_class'), '')
FROM rel JOIN pg_sequence s ON s.seqrelid = rel.oid
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = rel.oid
                  AND d.deptype = 'i')
)SQL";

constexpr const char* tables_sql = R"SQL(
SELECT rel.nspname, rel.relname, rel.relkind, c.relpersistence = 'u', coalesce(pg_get_partkeydef(rel.oid), ''),
    coalesce((SELECT pn.nspname || chr(31) || p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
              JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = rel.oid AND c.relispartition), ''),
    coalesce(pg_get_expr(c.relpartbound, rel.oid), ''),
    coalesce((SELECT string_agg(pn.nspname || chr(31) || p.relname, chr(30) ORDER BY i.inhseqno)
              FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
              WHERE i.inhrelid = rel.oid AND NOT c.relispartition), ''),
    c.relrowsecurity, c.relforcerowsecurity, coalesce(array_to_string(c.reloptions, ','), ''),
    coalesce(obj_description(rel.oid, 'pg_class'), '')
FROM rel JOIN pg_class c ON c.oid = rel.oid WHERE rel.relkind IN ('r', 'p')
)SQL";

constexpr const char* columns_sql = R"SQL(
SELECT rel.nspname, rel.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
    bn.nspname, b.typname, a.atttypmod, t.typelem <> 0 AND t.typlen = -1,
    coalesce((SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
              JOIN pg_namespace cn ON cn.oid = co.collnamespace
              WHERE co.oid = a.attcollation AND a.attcollation <> t.typcollation), ''),
    a.attnotnull, CASE WHEN a.attgenerated = '' THEN coalesce(pg_get_expr(d.adbin, d.adrelid), '') ELSE '' END,
    a.attidentity, CASE WHEN a.attgenerated <> '' THEN coalesce(pg_get_expr(d.adbin, d.adrelid), '') ELSE '' END,
    coalesce(format_type(s.seqtypid, NULL), ''), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
    coalesce(col_description(rel.oid, a.attnum), '')
FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type b ON b.oid = CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN t.typelem ELSE t.oid END
JOIN pg_namespace bn ON bn.oid = b.typnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_depend sd ON a.attidentity <> '' AND sd.refobjid = rel.oid AND sd.refobjsubid = a.attnum
    AND sd.classid = 'pg_class'::regclass AND sd.deptype = 'i'
LEFT JOIN pg_sequence s ON s.seqrelid = sd.objid
WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
)SQL";

// Constraints a partition inherits (conparentid) or a child inherits (not conislocal) are its parent's.
constexpr const char* constraints_sql = R"SQL(
SELECT rel.nspname, rel.relname, co.conname, co.contype, pg_get_constraintdef(co.oid),
    coalesce((SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY k(num, ord)
              JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num), ''),
    co.condeferrable, co.condeferred, co.convalidated, co.connoinherit,
    CASE WHEN co.contype = 'c' THEN pg_get_expr(co.conbin, co.conrelid) ELSE '' END,
    coalesce(fn.nspname, ''), coalesce(fc.relname, ''),
    coalesce((SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY k(num, ord)
              JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num), ''),
    co.confupdtype, co.confdeltype, co.confmatchtype, __NULLS_NOT_DISTINCT__,
    coalesce(obj_description(co.oid, 'pg_constraint'), '')
FROM rel JOIN pg_constraint co ON co.conrelid = rel.oid
LEFT JOIN pg_class fc ON fc.oid = co.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_index ci ON ci.indexrelid = co.conindid
WHERE rel.relkind IN ('r', 'p') AND co.contype IN ('p', 'u', 'c', 'f', 'x') AND co.conparentid = 0 AND co.conislocal
)SQL";

// Indexes that belong to a constraint are the constraint's; a partition's index attached to its
// parent's index is the parent's.
constexpr const char* indexes_sql = R"SQL(
SELECT rel.nspname, ic.relname, rel.relname, am.amname, i.indisunique, __INDEX_NULLS_NOT_DISTINCT__,
    (SELECT string_agg(concat_ws(chr(31), coalesce(a.attname, ''),
                                 CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE '' END,
                                 CASE WHEN NOT opc.opcdefault THEN
                                      CASE WHEN opn.nspname = 'pg_catalog' THEN quote_ident(opc.opcname)
                                           ELSE quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END
                                      ELSE '' END,
                                 CASE WHEN k.coll <> 0 AND k.coll <> coalesce(a.attcollation, 100) THEN
                                      (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                                       FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                                       WHERE co.oid = k.coll) ELSE '' END,
                                 (k.opt & 1)::text, (k.opt & 2)::text), chr(30) ORDER BY k.ord)
     FROM unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[], i.indoption::int2[])
          WITH ORDINALITY k(attnum, cls, coll, opt, ord)
     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
     LEFT JOIN pg_opclass opc ON opc.oid = k.cls LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
     WHERE k.ord <= i.indnkeyatts),
    coalesce((SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE k.ord > i.indnkeyatts), ''),
    coalesce(pg_get_expr(i.indpred, i.indrelid), ''), pg_get_indexdef(i.indexrelid),
    coalesce(obj_description(i.indexrelid, 'pg_class'), '')
FROM rel JOIN pg_index i ON i.indrelid = rel.oid JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE rel.relkind IN ('r', 'p', 'm') AND NOT ic.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
)SQL";

constexpr const char* views_sql = R"SQL(
SELECT rel.nspname, rel.relname, rel.relkind = 'm', pg_get_viewdef(rel.oid),
    coalesce(array_to_string(c.reloptions, ','), ''),
    coalesce((SELECT string_agg(DISTINCT dn.nspname || chr(31) || dc.relname, chr(30))
              FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
              JOIN pg_class dc ON dc.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass
              JOIN pg_namespace dn ON dn.oid = dc.relnamespace
              WHERE r.ev_class = rel.oid AND dc.oid <> rel.oid AND dc.relkind IN ('r', 'p', 'v', 'm', 'f')), ''),
    coalesce(obj_description(rel.oid, 'pg_class'), '')
FROM rel JOIN pg_class c ON c.oid = rel.oid WHERE rel.relkind IN ('v', 'm')
)SQL";

std::string functions_sql() {
    return R"SQL(
SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,
    CASE WHEN p.prokind = 'a' THEN '' ELSE pg_get_functiondef(p.oid) END,
    EXISTS (SELECT 1 FROM pg_type t JOIN pg_class tc ON tc.oid = t.typrelid
            WHERE tc.relkind <> 'c' AND (t.oid = p.prorettype OR t.oid = ANY (p.proargtypes::oid[])
                                         OR t.oid = ANY (coalesce(p.proallargtypes, '{}'::oid[])))),
    coalesce(obj_description(p.oid, 'pg_proc'), '')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE )SQL" + user_object("n", "pg_proc", "p.oid");
}

constexpr const char* triggers_sql = R"SQL(
SELECT rel.nspname, rel.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled,
    coalesce(obj_description(t.oid, 'pg_trigger'), '')
FROM rel JOIN pg_trigger t ON t.tgrelid = rel.oid WHERE NOT t.tgisinternal AND __TRIGGER_NOT_CLONED__
)SQL";

constexpr const char* policies_sql = R"SQL(
SELECT rel.nspname, rel.relname, p.polname, p.polpermissive, p.polcmd,
    coalesce((SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END, chr(31))
              FROM unnest(p.polroles) r), ''),
    coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''),
    coalesce(obj_description(p.oid, 'pg_policy'), '')
FROM rel JOIN pg_policy p ON p.polrelid = rel.oid
)SQL";

// Kinds the model does not describe: named, so a difference in them still shows.
std::string unmodelled_sql() {
    auto user = [](const char* catalog, const char* oid) { return user_object("n", catalog, oid); };
    return std::string("SELECT 'foreign table', rel.nspname || '.' || rel.relname FROM rel WHERE rel.relkind = 'f'\n") +
           "UNION ALL SELECT 'rule', rel.nspname || '.' || rel.relname || '.' || r.rulename FROM rel "
           "JOIN pg_rewrite r ON r.ev_class = rel.oid WHERE r.rulename <> '_RETURN'\n"
           "UNION ALL SELECT 'statistics object', n.nspname || '.' || s.stxname FROM pg_statistic_ext s "
           "JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE " + user("pg_statistic_ext", "s.oid") + "\n" +
           "UNION ALL SELECT 'operator', n.nspname || '.' || o.oprname || '(' || format_type(o.oprleft, NULL) || ', ' "
           "|| format_type(o.oprright, NULL) || ')' FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace "
           "WHERE " + user("pg_operator", "o.oid") + "\n" +
           "UNION ALL SELECT 'operator class', n.nspname || '.' || o.opcname FROM pg_opclass o JOIN pg_namespace n "
           "ON n.oid = o.opcnamespace WHERE " + user("pg_opclass", "o.oid") + "\n" +
           "UNION ALL SELECT 'collation', n.nspname || '.' || o.collname FROM pg_collation o JOIN pg_namespace n "
           "ON n.oid = o.collnamespace WHERE " + user("pg_collation", "o.oid") + "\n" +
           "UNION ALL SELECT 'text search configuration', n.nspname || '.' || o.cfgname FROM pg_ts_config o "
           "JOIN pg_namespace n ON n.oid = o.cfgnamespace WHERE " + user("pg_ts_config", "o.oid") + "\n" +
           "UNION ALL SELECT 'text search dictionary', n.nspname || '.' || o.dictname FROM pg_ts_dict o "
           "JOIN pg_namespace n ON n.oid = o.dictnamespace WHERE " + user("pg_ts_dict", "o.oid") + "\n" +
           "UNION ALL SELECT 'conversion', n.nspname || '.' || o.conname FROM pg_conversion o "
           "JOIN pg_namespace n ON n.oid = o.connamespace WHERE " + user("pg_conversion", "o.oid") + "\n" +
           "UNION ALL SELECT 'event trigger', e.evtname FROM pg_event_trigger e WHERE NOT EXISTS (SELECT 1 FROM "
           "pg_depend d WHERE d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid AND d.deptype = 'e')\n"
           "UNION ALL SELECT 'publication', p.pubname FROM pg_publication p\n"
           "UNION ALL SELECT 'foreign server', s.srvname FROM pg_foreign_server s WHERE NOT EXISTS (SELECT 1 FROM "
           "pg_depend d WHERE d.classid = 'pg_foreign_server'::regclass AND d.objid = s.oid AND d.deptype = 'e')\n";
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    while (true) {
        auto end = text.find(sep, start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return out;
        start = end + 1;
    }
}

qualified_name qualified_from(const std::string& text) {
    auto parts = split(text, field_sep);
    if (parts.size() != 2) return {};
    return {parts[0], parts[1]};
}

std::vector<qualified_name> qualified_list(const std::string& text) {
    std::vector<qualified_name> out;
    for (const auto& r : split(text, record_sep)) out.push_back(qualified_from(r));
    return out;
}

std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }
bool flag(const pqxx::field& f) { return !f.is_null() && f.as<bool>(); }

std::string action(char code) {
    switch (code) {
        case 'r': return "RESTRICT";
        case 'c': return "CASCADE";
        case 'n': return "SET NULL";
        case 'd': return "SET DEFAULT";
        default: return "NO ACTION";
    }
}

std::string match_type(char code) {
    switch (code) {
        case 'f': return "FULL";
        case 'p': return "PARTIAL";
        default: return "SIMPLE";
    }
}

std::string policy_command(char code) {
    switch (code) {
        case 'r': return "SELECT";
        case 'a': return "INSERT";
        case 'w': return "UPDATE";
        case 'd': return "DELETE";
        default: return "ALL";
    }
}

constraint_type constraint_type_of(char code) {
    switch (code) {
        case 'p': return constraint_type::primary_key;
        case 'u': return constraint_type::unique;
        case 'f': return constraint_type::foreign_key;
        case 'x': return constraint_type::exclusion;
        default: return constraint_type::check;
    }
}

sequence_options sequence_from(const pqxx::row& row, int first) {
    sequence_options o;
    o.data_type = text(row[first]);
    o.start = row[first + 1].as<std::int64_t>();
    o.increment = row[first + 2].as<std::int64_t>();
    o.min = row[first + 3].as<std::int64_t>();
    o.max = row[first + 4].as<std::int64_t>();
    o.cache = row[first + 5].as<std::int64_t>();
    o.cycle = flag(row[first + 6]);
    return o;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// The {schemas} and {names} arrays of the skipped tables, as array literals.
std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& i : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : i) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

template <class T, class Key>
void sort_by(std::vector<T>& items, Key key) {
    std::sort(items.begin(), items.end(), [&key](const T& a, const T& b) { return key(a) < key(b); });
}

class reader {
public:
    reader(pqxx::transaction_base& tx, const read_options& options, int server_version)
        : m_tx(tx), m_server(server_version) {
        std::vector<std::string> schemas, names;
        for (const auto& t : options.skip_tables) {
            schemas.push_back(t.schema);
            names.push_back(t.name);
        }
        m_skip_schemas = text_array(schemas);
        m_skip_names = text_array(names);
    }

    schema read() {
        schema out;
        read_namespaces(out);
        read_extensions(out);
        read_types(out);
        read_sequences(out);
        read_tables(out);
        read_constraints(out);
        read_indexes(out);
        read_views(out);
        read_functions(out);
        read_triggers(out);
        read_policies(out);
        read_unmodelled(out);
        return out;
    }

private:
    pqxx::result plain(const std::string& sql) { return m_tx.exec(sql); }
    pqxx::result on_relations(const std::string& sql) {
        return m_tx.exec_params(version_specific(std::string(rel_cte) + sql), m_skip_schemas, m_skip_names);
    }
    // NULLS NOT DISTINCT came in PostgreSQL 15, pg_trigger.tgparentid in 13.
    std::string version_specific(std::string sql) const {
        sql = replace_all(sql, "__NULLS_NOT_DISTINCT__",
                          m_server >= 150000 ? "coalesce(ci.indnullsnotdistinct, false)" : "false");
        sql = replace_all(sql, "__INDEX_NULLS_NOT_DISTINCT__", m_server >= 150000 ? "i.indnullsnotdistinct" : "false");
        return replace_all(sql, "__TRIGGER_NOT_CLONED__", m_server >= 130000 ? "t.tgparentid = 0" : "true");
    }

    void read_namespaces(schema& out) {
        for (const auto& r : plain(namespaces_sql)) out.namespaces.push_back({text(r[0]), text(r[1])});
        sort_by(out.namespaces, [](const namespace_def& n) { return n.name; });
    }

    void read_extensions(schema& out) {
        for (const auto& r : plain(extensions_sql)) out.extensions.push_back({text(r[0]), text(r[1]), text(r[2])});
        sort_by(out.extensions, [](const extension& e) { return e.name; });
    }

    void read_types(schema& out) {
        for (const auto& r : plain(types_sql())) {
            char kind = text(r[0]).front();
            qualified_name name{text(r[1]), text(r[2])};
            if (kind == 'e') {
                out.enums.push_back({name, split(text(r[3]), field_sep), text(r[9])});
            } else if (kind == 'd') {
                domain d{name, text(r[4]), text(r[5]), flag(r[6]), text(r[7]), {}, text(r[9])};
                for (const auto& c : split(text(r[8]), record_sep)) {
                    auto parts = split(c, field_sep);
                    d.checks.push_back({parts.at(0), parts.size() > 1 ? parts[1] : ""});
                }
                out.domains.push_back(std::move(d));
            } else {
                const char* what = kind == 'c' ? "composite type" : kind == 'r' ? "range type" : "base type";
                out.not_modelled.push_back({what, name.text()});
            }
        }
        sort_by(out.enums, [](const enum_type& e) { return e.name; });
        sort_by(out.domains, [](const domain& d) { return d.name; });
    }

    void read_sequences(schema& out) {
        for (const auto& r : on_relations(sequences_sql)) {
            auto owner = split(text(r[9]), field_sep);
            out.sequences.push_back({{text(r[0]), text(r[1])},
                                     sequence_from(r, 2),
                                     owner.size() == 3 ? owner[0] + "." + owner[1] + "." + owner[2] : "",
                                     text(r[10])});
        }
        sort_by(out.sequences, [](const sequence& s) { return s.name; });
    }

    void read_tables(schema& out) {
        std::map<qualified_name, std::size_t> at;
        for (const auto& r : on_relations(tables_sql)) {
            table t;
            t.name = {text(r[0]), text(r[1])};
            t.unlogged = flag(r[3]);
            t.partition_key = text(r[4]);
            if (!text(r[5]).empty()) t.partition_of = qualified_from(text(r[5]));
            t.partition_bound = text(r[6]);
            t.inherits = qualified_list(text(r[7]));
            t.row_security = flag(r[8]);
            t.force_row_security = flag(r[9]);
            t.options = text(r[10]);
            t.comment = text(r[11]);
            out.tables.push_back(std::move(t));
        }
        sort_by(out.tables, [](const table& t) { return t.name; });
        for (std::size_t i = 0; i < out.tables.size(); ++i) at[out.tables[i].name] = i;
        std::vector<std::vector<std::pair<int, column>>> columns(out.tables.size());
        for (const auto& r : on_relations(columns_sql)) {
            auto t = at.find({text(r[0]), text(r[1])});
            if (t == at.end()) continue;
            column c;
            c.name = text(r[3]);
            c.type = text(r[4]);
            c.base_type = {text(r[5]), text(r[6])};
            c.typmod = r[7].as<int>();
            c.array = flag(r[8]);
            c.collation = text(r[9]);
            c.not_null = flag(r[10]);
            c.default_expr = text(r[11]);
            std::string kind = text(r[12]);
            if (!kind.empty() && !r[14].is_null() && !text(r[14]).empty())
                c.identity_spec = identity{kind == "a", sequence_from(r, 14)};
            c.generated = text(r[13]);
            c.comment = text(r[21]);
            columns[t->second].emplace_back(r[2].as<int>(), std::move(c));
        }
        for (std::size_t i = 0; i < columns.size(); ++i) {
            sort_by(columns[i], [](const std::pair<int, column>& p) { return p.first; });
            for (auto& [num, c] : columns[i]) out.tables[i].columns.push_back(std::move(c));
        }
    }

    void read_constraints(schema& out) {
        for (const auto& r : on_relations(constraints_sql)) {
            constraint c;
            c.table = {text(r[0]), text(r[1])};
            c.name = text(r[2]);
            c.type = constraint_type_of(text(r[3]).front());
            c.definition = text(r[4]);
            c.columns = split(text(r[5]), field_sep);
            c.deferrable = flag(r[6]);
            c.initially_deferred = flag(r[7]);
            c.validated = flag(r[8]);
            c.no_inherit = flag(r[9]);
            c.expression = text(r[10]);
            if (c.type == constraint_type::foreign_key) {
                c.references = {text(r[11]), text(r[12])};
                c.referenced_columns = split(text(r[13]), field_sep);
                c.on_update = action(text(r[14]).front());
                c.on_delete = action(text(r[15]).front());
                c.match = match_type(text(r[16]).front());
            }
            c.nulls_not_distinct = flag(r[17]);
            c.comment = text(r[18]);
            out.constraints.push_back(std::move(c));
        }
        sort_by(out.constraints, [](const constraint& c) { return std::make_pair(c.table, c.name); });
    }

    void read_indexes(schema& out) {
        for (const auto& r : on_relations(indexes_sql)) {
            index i;
            i.name = {text(r[0]), text(r[1])};
            i.table = {text(r[0]), text(r[2])};
            i.method = text(r[3]);
            i.unique = flag(r[4]);
            i.nulls_not_distinct = flag(r[5]);
            for (const auto& k : split(text(r[6]), record_sep)) {
                auto f = split(k, field_sep);
                f.resize(6);
                i.keys.push_back({f[0], f[1], f[2], f[3], f[4] != "0", f[5] != "0"});
            }
            i.include = split(text(r[7]), field_sep);
            i.predicate = text(r[8]);
            i.definition = text(r[9]);
            i.comment = text(r[10]);
            out.indexes.push_back(std::move(i));
        }
        sort_by(out.indexes, [](const index& i) { return i.name; });
    }

    void read_views(schema& out) {
        for (const auto& r : on_relations(views_sql)) {
            view v{{text(r[0]), text(r[1])}, flag(r[2]), text(r[3]), text(r[4]), qualified_list(text(r[5])), text(r[6])};
            std::sort(v.depends_on.begin(), v.depends_on.end());
            out.views.push_back(std::move(v));
        }
        sort_by(out.views, [](const view& v) { return v.name; });
    }

    void read_functions(schema& out) {
        for (const auto& r : plain(functions_sql())) {
            qualified_name name{text(r[0]), text(r[1])};
            char kind = text(r[3]).front();
            if (kind == 'a') {
                out.not_modelled.push_back({"aggregate", name.text() + "(" + text(r[2]) + ")"});
                continue;
            }
            out.functions.push_back({name, text(r[2]), kind == 'p', text(r[4]), flag(r[5]), text(r[6])});
        }
        sort_by(out.functions, [](const function& f) { return f.signature(); });
    }

    void read_triggers(schema& out) {
        for (const auto& r : on_relations(triggers_sql))
            out.triggers.push_back({{text(r[0]), text(r[1])}, text(r[2]), text(r[3]), text(r[4]).front(), text(r[5])});
        sort_by(out.triggers, [](const trigger& t) { return std::make_pair(t.table, t.name); });
    }

    void read_policies(schema& out) {
        for (const auto& r : on_relations(policies_sql)) {
            policy p{{text(r[0]), text(r[1])}, text(r[2]), flag(r[3]), policy_command(text(r[4]).front()),
                     split(text(r[5]), field_sep), text(r[6]), text(r[7]), text(r[8])};
            std::sort(p.roles.begin(), p.roles.end());
            out.policies.push_back(std::move(p));
        }
        sort_by(out.policies, [](const policy& p) { return std::make_pair(p.table, p.name); });
    }

    void read_unmodelled(schema& out) {
        for (const auto& r : on_relations(unmodelled_sql())) out.not_modelled.push_back({text(r[0]), text(r[1])});
        std::sort(out.not_modelled.begin(), out.not_modelled.end());
    }

    pqxx::transaction_base& m_tx;
    int m_server;
    std::string m_skip_schemas;
    std::string m_skip_names;
};

}  // namespace

schema read_schema(db::session& s, const read_options& options) {
    try {
        auto& conn = s.native();
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(conn);
        // An empty search_path makes the server qualify every name in expressions, types and
        // definitions: the same text whatever search_path the session had (as pg_dump does).
        tx.exec("SET LOCAL search_path = ''");
        return reader(tx, options, conn.server_version()).read();
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the schema from the catalog: " + one_line(e.what()), e.sqlstate());
    }
}

}  // namespace retort::schema
