// Lock level names and PostgreSQL's conflict table ("Explicit Locking", table 13.2).
#include "locks/lock_facts.hpp"

namespace retort::locks {

namespace {
constexpr unsigned bit(level l) { return 1u << static_cast<unsigned>(l); }

/// For each level, the levels it conflicts with.
unsigned conflict_set(level l) {
    using enum level;
    switch (l) {
        case none: return 0;
        case access_share: return bit(access_exclusive);
        case row_share: return bit(exclusive) | bit(access_exclusive);
        case row_exclusive: return bit(share) | bit(share_row_exclusive) | bit(exclusive) | bit(access_exclusive);
        case share_update_exclusive:
            return bit(share_update_exclusive) | bit(share) | bit(share_row_exclusive) | bit(exclusive) |
                   bit(access_exclusive);
        case share:
            return bit(row_exclusive) | bit(share_update_exclusive) | bit(share_row_exclusive) | bit(exclusive) |
                   bit(access_exclusive);
        case share_row_exclusive:
            return bit(row_exclusive) | bit(share_update_exclusive) | bit(share) | bit(share_row_exclusive) |
                   bit(exclusive) | bit(access_exclusive);
        case exclusive:
            return bit(row_share) | bit(row_exclusive) | bit(share_update_exclusive) | bit(share) |
                   bit(share_row_exclusive) | bit(exclusive) | bit(access_exclusive);
        case access_exclusive:
            return bit(access_share) | bit(row_share) | bit(row_exclusive) | bit(share_update_exclusive) |
                   bit(share) | bit(share_row_exclusive) | bit(exclusive) | bit(access_exclusive);
    }
    return 0;
}
}  // namespace

const char* name(level l) {
    switch (l) {
        case level::none: return "none";
        case level::access_share: return "ACCESS SHARE";
        case level::row_share: return "ROW SHARE";
        case level::row_exclusive: return "ROW EXCLUSIVE";
        case level::share_update_exclusive: return "SHARE UPDATE EXCLUSIVE";
        case level::share: return "SHARE";
        case level::share_row_exclusive: return "SHARE ROW EXCLUSIVE";
        case level::exclusive: return "EXCLUSIVE";
        case level::access_exclusive: return "ACCESS EXCLUSIVE";
    }
    return "none";
}

const char* pg_locks_mode(level l) {
    switch (l) {
        case level::none: return "";
        case level::access_share: return "AccessShareLock";
        case level::row_share: return "RowShareLock";
        case level::row_exclusive: return "RowExclusiveLock";
        case level::share_update_exclusive: return "ShareUpdateExclusiveLock";
        case level::share: return "ShareLock";
        case level::share_row_exclusive: return "ShareRowExclusiveLock";
        case level::exclusive: return "ExclusiveLock";
        case level::access_exclusive: return "AccessExclusiveLock";
    }
    return "";
}

level level_of_pg_locks_mode(const std::string& mode) {
    for (int l = 0; l <= static_cast<int>(level::access_exclusive); ++l)
        if (mode == pg_locks_mode(static_cast<level>(l))) return static_cast<level>(l);
    return level::none;
}

bool blocks_writes(level l) { return (conflict_set(l) & bit(level::row_exclusive)) != 0; }

bool conflicts(level wanted, level held) { return (conflict_set(wanted) & bit(held)) != 0; }

const char* name(cost c) {
    switch (c) {
        case cost::catalog: return "catalog-only";
        case cost::scan: return "scan";
        case cost::rewrite: return "rewrite";
        case cost::rows: return "rows";
        case cost::unknown: return "unknown";
    }
    return "unknown";
}

level statement_facts::strongest() const {
    level out = level::none;
    for (const auto& t : tables)
        if (t.mode > out) out = t.mode;
    return out;
}

}  // namespace retort::locks
