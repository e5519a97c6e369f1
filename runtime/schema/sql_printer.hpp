// The model as canonical SQL (`runner schema`, schema.sql): one object per statement, in an
// order that applies to an empty database (types before tables, tables before constraints,
// foreign keys last among constraints, views after what they select from), each group sorted by
// name, so the same schema gives the same bytes whatever order its revisions created it in.
#pragma once

#include "schema/model.hpp"

#include <string>

namespace retort::schema {

/// The whole schema; objects the model does not describe end it as `-- not modelled:` comments.
std::string canonical_sql(const schema& s);

}  // namespace retort::schema
