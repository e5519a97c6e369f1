// The first lines of every canonical schema file. Standard library only: mkrev --init writes
// them as the schema.sql of a project with no revisions yet (exactly what `runner schema` prints then).
#pragma once

namespace retort::schema {

inline constexpr const char* canonical_sql_header =
    "-- The schema at head, written by `runner schema`: canonical, one object per statement.\n"
    "-- Function bodies are checked when they run, not when this file creates them (as pg_dump does).\n"
    "SET check_function_bodies = false;\n";

}  // namespace retort::schema
