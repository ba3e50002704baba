#pragma once
// One row of migrator_history: what was applied, when, by whom, and how to undo it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/dialect.hpp"
#include "core/migration_version.hpp"
#include "plan/model.hpp"

namespace migrator::history {

enum class Status {
  applied,       // complete
  applying,      // a `transaction: false` migration under way (or killed mid-way)
  rolling_back,  // its rollback under way (or killed mid-way)
  // Its rollback stopped at an error, the step it failed on still in place: run again
  // strictly, never taken as "may have been done" as after a kill.
  rollback_failed,
};

std::string_view to_string(Status status);
Status status_from_string(std::string_view text);

// How a version came to be recorded.
enum class Origin {
  run,           // applied by migrator
  baseline,      // recorded by `migrator baseline` without running: the schema was already there
  out_of_order,  // applied below a newer applied version (--allow-out-of-order)
};

std::string_view to_string(Origin origin);
Origin origin_from_string(std::string_view text);

struct Entry {
  std::string plan;
  core::Version version = 0;
  std::string name;
  std::string checksum;
  Status status = Status::applied;
  int steps_done = 0;            // unless applied: steps 0..steps_done-1 are in place
  std::string applied_at;        // ISO-8601 UTC
  std::int64_t duration_ms = 0;
  std::string applied_by;        // user@host
  std::string file;              // the file name it came from
  Origin origin = Origin::run;

  // The migration as applied, for this database's dialect only: steps with their SQL,
  // rollbacks and checks, and the preserve checks. verify/status/rollback use it when the
  // plan files are gone. Kept as the JSON text stored (history/serialize) and parsed on
  // first use: every run reads a plan's whole history, few need what each row ran, and
  // parsing 10,000 of them cost 0.3 s and most of a run's memory.
  const plan::Migration& definition() const;
  // What the row will store: `migration` with only `dialect`'s SQL.
  void set_definition(const plan::Migration& migration, core::Dialect dialect);
  void set_definition_json(std::string json);
  const std::string& definition_json() const;

 private:
  std::optional<std::string> m_definition_json;  // none: read without it (Store::entries)
  // Parsed, shared by copies of the row; its version and checksum are the row's.
  mutable std::shared_ptr<const plan::Migration> m_definition;
};

// One row of migrator_repeatables: a definition of a repeatable migration as it was run.
// Every definition is kept, so that rolling back restores the one that was current.
struct RepeatableEntry {
  std::string plan;
  std::string name;
  int seq = 1;                   // 1, 2, ... per (plan, name): the newest is the current one
  std::string checksum;
  core::Version after_version = 0;  // the plan's newest applied version when it ran
  std::string applied_at;
  std::int64_t duration_ms = 0;
  std::string applied_by;
  std::string file;
  plan::Migration definition;
};

}  // namespace migrator::history
