#pragma once
// The plan model: plain data read from a plan directory, no I/O here (see plan/loader.hpp).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/dialect.hpp"
#include "core/migration_version.hpp"
#include "core/source_loc.hpp"
#include "plan/plan_format.hpp"

namespace migrator::plan {

// One piece of SQL text as written in the file, with where its first line stands.
struct SqlText {
  std::string text;
  core::SourceLoc loc;
};

// A SQL field: either one text for every dialect, or one variant per dialect.
struct Sql {
  std::optional<SqlText> common;
  std::map<core::Dialect, SqlText> variants;

  // The text to run on `dialect`, or nullptr when the field has none for it.
  const SqlText* for_dialect(core::Dialect dialect) const {
    if (auto it = variants.find(dialect); it != variants.end()) {
      return &it->second;
    }
    return common ? &*common : nullptr;
  }
  bool empty() const { return !common && variants.empty(); }
};

// A built-in operation instead of SQL, for what SQL alone cannot say the same way on every
// dialect: `generate` (the construction-data generator), `set_not_null` / `drop_not_null`
// (a table rebuild on SQLite). Arguments are validated by the operation registry at load.
struct Operation {
  std::string kind;
  std::map<std::string, std::string> args;
  core::SourceLoc loc;
};

using Action = std::variant<Sql, Operation>;

// A query that must hold: `expect` (the single value of a one-row, one-column result),
// `expect_rows` (the row count), or neither (passes on an empty result).
// How a preserve invariant compares its value after the migration with the one before:
// equal, or at_least (every number the same or larger: rows the application adds while a
// migration runs outside one transaction, or waits to, are no data lost).
enum class Compare { equal, at_least };

struct Check {
  std::string name;
  Sql sql;
  std::optional<std::string> expect;
  std::optional<std::int64_t> expect_rows;
  Compare compare = Compare::equal;  // preserve only
  core::SourceLoc loc;
};

// A lint rule switched off for one step, with the reason a reviewer reads.
struct Allow {
  std::string rule;
  std::string reason;
  core::SourceLoc loc;
};

struct Step {
  std::string name;
  std::string rollback_name;  // what a person sees while it is undone (a down file), else the name
  Action action;
  std::vector<Check> verify;
  std::optional<Action> rollback;          // absent only when `irreversible` says why
  std::optional<std::string> irreversible;
  std::vector<Allow> allow;
  core::SourceLoc loc;
};

struct Timeouts {
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<std::chrono::milliseconds> statement_timeout;
};

struct Migration {
  core::Version version = 0;
  std::string name;
  std::string description;
  std::string sha256;        // of the file, line endings normalized
  bool transaction = true;
  Timeouts timeouts;
  std::vector<Step> steps;
  std::vector<Check> preserve;
  std::filesystem::path file;
  std::vector<std::filesystem::path> sql_files;  // read by sql_file: / rollback_file:
  core::SourceLoc loc;       // the file, line 1
  // A repeatable migration (Flyway R__name.sql; R__name.yaml with repeatable: true): no
  // version; run again after the versioned ones whenever its checksum changed.
  bool repeatable = false;
};

struct Plan {
  std::string name;          // history is kept per plan name
  std::string description;
  std::filesystem::path dir;
  std::vector<std::filesystem::path> requires_plans;  // plan dirs applied before this one
  Timeouts timeouts;         // defaults for every migration
  PlanFormat format = PlanFormat::migrator;
  // The databases the plan is written for (plan.yaml dialects:); empty: every one.
  // SQL-file plans default to PostgreSQL.
  std::vector<core::Dialect> dialects;
  bool allow_out_of_order = false;    // plan.yaml allow_out_of_order: true
  std::vector<Migration> migrations;  // ascending by version
  std::vector<Migration> repeatables; // by name: the order they run in
  core::Diagnostics warnings;         // files in the directory that are not read

  // The loader keeps migrations sorted by version: a binary search, since every history row
  // is looked up (10,000 rows made a linear search 12% of a run). A plan built unsorted by
  // hand is still searched whole when that misses.
  const Migration* find(core::Version version) const {
    const auto it = std::lower_bound(migrations.begin(), migrations.end(), version,
                                     [](const Migration& m, core::Version v) { return m.version < v; });
    if (it != migrations.end() && it->version == version) {
      return &*it;
    }
    for (const auto& m : migrations) {
      if (m.version == version) {
        return &m;
      }
    }
    return nullptr;
  }
};

}  // namespace migrator::plan
