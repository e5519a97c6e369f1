#include "schema/filter.hpp"

#include <algorithm>

namespace retort::schema {

namespace {

template <typename T, typename Where>
std::vector<T> kept(const std::vector<T>& items, Where in_schema) {
    std::vector<T> out;
    std::copy_if(items.begin(), items.end(), std::back_inserter(out), in_schema);
    return out;
}

}  // namespace

schema only_schema(const schema& s, const std::string& name) {
    schema out;
    auto named = [&](const auto& o) { return o.name.schema == name; };
    auto on_table = [&](const auto& o) { return o.table.schema == name; };
    out.namespaces = kept(s.namespaces, [&](const namespace_def& n) { return n.name == name; });
    out.extensions = kept(s.extensions, [&](const extension& e) { return e.schema == name; });
    out.enums = kept(s.enums, named);
    out.domains = kept(s.domains, named);
    out.sequences = kept(s.sequences, named);
    out.tables = kept(s.tables, named);
    out.constraints = kept(s.constraints, on_table);
    out.indexes = kept(s.indexes, on_table);
    out.views = kept(s.views, named);
    out.functions = kept(s.functions, named);
    out.triggers = kept(s.triggers, on_table);
    out.policies = kept(s.policies, on_table);
    // The catalog names these qualified (schema.name, the schema quoted when it needs quotes).
    out.not_modelled = kept(s.not_modelled, [&](const unmodelled& u) {
        return u.name.rfind(name + ".", 0) == 0 || u.name.rfind("\"" + name + "\".", 0) == 0;
    });
    return out;
}

}  // namespace retort::schema
