// What differs between two schema models, object by object: what drift prints, what verify
// reports, and what autogenerate turns into operations.
#pragma once

#include "schema/model.hpp"

#include <string>
#include <variant>
#include <vector>

namespace retort::schema {

enum class change { added, removed, changed };

/// One object of the model, whichever its kind.
using object = std::variant<std::monostate, namespace_def, extension, enum_type, domain, sequence, table, column,
                            constraint, index, view, function, trigger, policy, unmodelled>;

struct difference {
    change kind = change::changed;
    std::string object_kind;  ///< `schema`, `extension`, `enum`, `domain`, `sequence`, `table`, `column`,
                              ///< `constraint`, `index`, `view`, `materialized view`, `function`,
                              ///< `procedure`, `trigger`, `policy`, or an unmodelled kind
    std::string name;         ///< qualified: `public.users`, `public.users.email`, `public.f(integer)`
    object before;            ///< empty when added
    object after;             ///< empty when removed
    std::vector<std::string> details;  ///< what changed, for `changed`: `varchar(255) → text`, `null → not null`
    bool operator==(const difference&) const = default;
};

/// The differences that turn `from` into `to`, in a stable order: by kind (schemas, extensions,
/// types, sequences, tables, columns, constraints, indexes, views, functions, triggers, policies,
/// unmodelled objects), then by name. A table added or removed is one difference (its columns go
/// with it); its constraints, indexes, triggers and policies are differences of their own.
/// A table present on both sides reports its columns added, removed or changed one by one, and a
/// different order of the columns both have as a change of the table.
std::vector<difference> diff(const schema& from, const schema& to);

/// One readable line: `+ index public.ix_users_email_lower`,
/// `~ column public.users.email: varchar(255) → text`, `- column public.users.age integer`.
std::string describe(const difference& d);

/// A type as people write it: `character varying(255)` → `varchar(255)`, `timestamp with time zone` → `timestamptz`.
std::string short_type(const std::string& type);

}  // namespace retort::schema
