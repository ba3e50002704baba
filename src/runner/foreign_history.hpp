#pragma once
// What the tool that wrote a plan's files recorded in a database before migrator came:
// dbmate's schema_migrations (a row per version), golang-migrate's (one row: the version it
// is at, and whether it stopped half way), Flyway's flyway_schema_history, diesel's
// __diesel_schema_migrations. A team points migrator at a production database that tool
// manages; migrator must not run those migrations again (apply refuses and names the way
// in), and `baseline` can record exactly what the tool recorded.
#include <optional>
#include <string>
#include <vector>

#include "core/migration_version.hpp"
#include "db/connection.hpp"
#include "plan/model.hpp"

namespace migrator::runner {

struct ForeignHistory {
  std::string tool;   // "dbmate", as the plan's form is named
  std::string table;  // where it was read
  std::vector<core::Version> applied;  // the plan's versions the tool recorded, in plan order
  std::vector<std::string> unknown;    // versions it recorded that the plan does not have
  std::string unfinished;              // the tool's own word that a migration stopped half way, or empty
};

// The table the tool of `plan`'s form keeps by default; empty for migrator's own plans.
std::string foreign_history_table(const plan::Plan& plan);

// What `table` (default: foreign_history_table) says, or nullopt when the plan is
// migrator's own, the table is not there, or it records nothing. A table of another shape
// (a dbmate table read as golang-migrate's) is a core::UsageError naming it.
std::optional<ForeignHistory> read_foreign_history(db::Connection& db, const plan::Plan& plan,
                                                   const std::string& table = "");

// apply on a database the plan never ran on, whose tool recorded versions of it: an error
// that says so, and how to adopt the database with `baseline` (nothing is run).
void refuse_foreign_history(db::Connection& db, const plan::Plan& plan);

}  // namespace migrator::runner
