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

// One object's statement, without the final ";\n" (autogenerate writes them as op.execute).
std::string create_statement(const table& t);
std::string create_statement(const view& v);      ///< a materialized view WITH DATA
std::string create_statement(const index& i);
std::string create_statement(const domain& d);
std::string create_statement(const policy& p);
std::string create_statement(const sequence& x);
/// `name type [COLLATE] [GENERATED] [DEFAULT] [NOT NULL]`, as in CREATE TABLE.
std::string column_definition(const column& c);
/// START WITH, INCREMENT BY, ... that differ from PostgreSQL's defaults for the options' type.
std::string sequence_option_clauses(const sequence_options& o, bool with_type);
/// ALTER TABLE ... DISABLE / ENABLE REPLICA / ENABLE ALWAYS TRIGGER; empty for the default state.
std::string trigger_state_statement(const trigger& t);

}  // namespace retort::schema
