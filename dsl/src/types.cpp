// Factories for column types; kept out of the header so revisions compile fast.
#include <retort/migration.hpp>

#include <utility>

namespace retort {

namespace {
Type with(type_kind kind, int length = -1, int precision = -1, int scale = -1, bool timezone = false) {
    Type t{kind};
    t.length = length;
    t.precision = precision;
    t.scale = scale;
    t.timezone = timezone;
    return t;
}
}  // namespace

Type SmallInteger() { return with(type_kind::small_integer); }
Type Integer() { return with(type_kind::integer); }
Type BigInteger() { return with(type_kind::big_integer); }
Type Numeric(int precision, int scale) { return with(type_kind::numeric, -1, precision, scale); }
Type Float(int precision) { return with(type_kind::real, -1, precision); }
Type Double() { return with(type_kind::double_precision); }
Type Boolean() { return with(type_kind::boolean); }
Type Text() { return with(type_kind::text); }
Type String(int length) { return with(type_kind::varchar, length); }
Type CHAR(int length) { return with(type_kind::character, length); }
Type Date() { return with(type_kind::date); }
Type Time(bool timezone) { return with(type_kind::time, -1, -1, -1, timezone); }
Type DateTime(bool timezone) { return with(type_kind::timestamp, -1, -1, -1, timezone); }
Type Interval() { return with(type_kind::interval); }
Type UUID() { return with(type_kind::uuid); }
Type JSON() { return with(type_kind::json); }
Type JSONB() { return with(type_kind::jsonb); }
Type LargeBinary() { return with(type_kind::bytea); }

Type ARRAY(Type element, int dimensions) {
    element.array_dimensions += dimensions;
    return element;
}

Type Enum(std::string name, names values) {
    Type t{type_kind::enumeration};
    t.name = std::move(name);
    t.enum_values = std::move(values.items);
    return t;
}

Type raw_type(std::string sql) {
    Type t{type_kind::raw};
    t.name = std::move(sql);
    return t;
}

sql_text sql(std::string text) { return sql_text{std::move(text)}; }

}  // namespace retort
