// The version rows of many tenant schemas of one database, read through one connection before a
// fleet run starts: a schema already at the goal then costs no connection of its own (without
// this, 900 tenant schemas at head are 900 connections, the slow part of a no-op run).
#pragma once

#include "db/open.hpp"
#include "fleet/targets.hpp"

#include <map>
#include <string>
#include <vector>

namespace retort::fleet {

/// Target name -> its version-table rows (empty: at base), for the schema targets whose database
/// could be read in one go. A database that cannot be read so (unreachable, no privilege, any
/// error) is left out: its targets then read their own rows, and report their own errors.
using known_versions = std::map<std::string, std::vector<std::string>>;

/// Schema targets are grouped by connection string; each group is read with one connection and
/// one query a few hundred schemas (`table` gives the version table's name; its schema is each
/// target's), with `how`'s role applied so privileges are the run's own.
known_versions read_schema_versions(const std::vector<target>& targets, const std::string& table,
                                    const db::open_options& how);

}  // namespace retort::fleet
