// One schema's part of a model: a tenant schema's objects, for drift over schema-per-tenant
// databases, where every other tenant's objects are someone else's business.
#pragma once

#include "schema/model.hpp"

#include <string>

namespace retort::schema {

/// The objects that live in `name` (tables, their columns, constraints, indexes, triggers and
/// policies; types, sequences, views, functions; extensions installed there); the namespace itself
/// when it is not `public`.
schema only_schema(const schema& s, const std::string& name);

}  // namespace retort::schema
