#pragma once
// What check --rehearse measured on PostgreSQL while it ran each migration: per statement,
// the locks it took on objects that existed before the migration, how long each was held
// (until the migration's commit), whether it rewrote a table or an index (its relfilenode
// changed), the rows it changed and its duration; per migration, how long a one-row read and
// a one-row write on each table it found were blocked. Findings come from these figures.
#include <chrono>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/migration_version.hpp"
#include "core/source_loc.hpp"
#include "lint/finding.hpp"

namespace migrator::lint {

struct TracedLock {
  std::string relation;  // schema.name
  std::string mode;      // AccessExclusiveLock, ShareUpdateExclusiveLock, ...
  double held_ms = 0;    // from the statement's start to the end of its transaction
  bool documented = false;  // outside a transaction: the level PostgreSQL documents, not observed
  bool table = true;        // a table (or materialized view), not one of its indexes or sequences
};

struct TracedStatement {
  core::Version version = 0;
  std::string step;
  bool rollback = false;
  core::SourceLoc loc;
  std::string sql;           // its first line, shortened
  double ms = 0;
  std::vector<TracedLock> locks;
  std::vector<std::string> rewrote;          // tables (and materialized views) whose files were replaced
  std::vector<std::string> rebuilt_indexes;  // indexes whose files were replaced (with their table, or REINDEX)
  std::int64_t rows = -1;            // rows inserted, updated or deleted; -1 unknown (outside a transaction)
  bool in_transaction = true;
  std::string lock_timeout;          // in force when it ran ("0": none)
  bool rewrote_rows = false;         // a rewritten table held rows
  std::vector<std::string> allowed;  // rules a `-- migrator:allow` comment before it names
  bool failed = false;               // it raised an error after `ms` (its locks unread)
};

struct TableBlocked {
  std::string table;
  double read_ms = 0;   // the longest a one-row read waited
  double write_ms = 0;  // the longest a one-row write (rolled back) waited
};

struct TracedMigration {
  core::Version version = 0;
  bool rollback = false;
  core::SourceLoc loc;
  std::vector<TableBlocked> blocked;
};

struct Trace {
  std::vector<TracedStatement> statements;
  std::vector<TracedMigration> migrations;
};

// migrator.yaml check: {max_lock_ms, max_blocked_ms}.
struct TraceLimits {
  double max_lock_ms = 1000;
  double max_blocked_ms = 1000;
};

// A finding of the trace, with the migration it is about (whose steps' allow: reach it).
struct TraceFinding {
  Finding finding;
  core::Version version = 0;
};

// lock-held-long, table-rewritten, traffic-blocked and lock-without-timeout findings, less
// those a `-- migrator:allow` comment before the statement they stand at names.
std::vector<TraceFinding> trace_findings(const Trace& trace, const TraceLimits& limits);

// The per-statement table for the text output, as Markdown (a GitHub job summary), and as JSON.
std::string trace_text(const Trace& trace);
std::string trace_markdown(const Trace& trace, std::string_view plan);
nlohmann::json trace_json(const Trace& trace);

}  // namespace migrator::lint
