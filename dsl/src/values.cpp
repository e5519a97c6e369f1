// Values, value and name lists of the API; server-default changes for alter_column.
#include <retort/migration.hpp>

#include <cstdio>
#include <utility>

namespace retort {

value::value(const char* t) : kind(kind_t::text), text(t) {}
value::value(std::string t) : kind(kind_t::text), text(std::move(t)) {}
value::value(int n) : kind(kind_t::number), text(std::to_string(n)) {}
value::value(long n) : kind(kind_t::number), text(std::to_string(n)) {}
value::value(long long n) : kind(kind_t::number), text(std::to_string(n)) {}
value::value(unsigned n) : kind(kind_t::number), text(std::to_string(n)) {}
value::value(unsigned long n) : kind(kind_t::number), text(std::to_string(n)) {}
value::value(unsigned long long n) : kind(kind_t::number), text(std::to_string(n)) {}
value::value(bool b) : kind(kind_t::boolean), text(b ? "true" : "false") {}
value::value(sql_text e) : kind(kind_t::sql), text(std::move(e.text)) {}

value::value(double d) : kind(kind_t::number) {
    // Enough digits to read back the same double; no locale, no exponent surprises for PostgreSQL.
    char buffer[32];
    int n = std::snprintf(buffer, sizeof buffer, "%.17g", d);
    text.assign(buffer, static_cast<std::size_t>(n));
}

names::names() noexcept = default;
names::names(std::initializer_list<const char*> list) : items(list.begin(), list.end()) {}
names::names(std::initializer_list<std::string> list) : items(list) {}
names::names(const std::vector<std::string>& list) : items(list) {}
names::names(const names&) = default;
names::names(names&&) noexcept = default;
names& names::operator=(const names&) = default;
names& names::operator=(names&&) noexcept = default;
names::~names() = default;

values::values() noexcept = default;
values::values(std::initializer_list<value> list) : items(list) {}
values::values(const std::vector<value>& list) : items(list) {}
values::values(const values&) = default;
values::values(values&&) noexcept = default;
values& values::operator=(const values&) = default;
values& values::operator=(values&&) noexcept = default;
values::~values() = default;

default_change::default_change(const char* literal) : mode(mode_t::set_literal), text(literal) {}
default_change::default_change(std::string literal) : mode(mode_t::set_literal), text(std::move(literal)) {}
default_change::default_change(sql_text expression) : mode(mode_t::set_sql), text(std::move(expression.text)) {}

default_change drop_default() {
    default_change d;
    d.mode = default_change::mode_t::drop;
    return d;
}

}  // namespace retort
