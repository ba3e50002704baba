#pragma once
// One command run on many databases (a fleet): up to `parallel` targets at once, each with
// its own connection, lock and history, exactly as a single run would; canaries first; a
// failure stops new targets from starting (or not, with continue). The work on one target
// is the caller's (apply, rollback, verify, status); this runs it and keeps the tally.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/migration_version.hpp"
#include "fleet/targets.hpp"

namespace migrator::fleet {

enum class TargetState { waiting, running, done, failed, unreachable, skipped };
std::string_view to_string(TargetState state);

struct TargetResult {
  TargetState state = TargetState::waiting;
  std::optional<core::Version> from;  // the plan's newest applied version before the run
  std::optional<core::Version> to;    // ... and after (or where it was left after a failure)
  std::size_t migrations = 0;         // applied, rolled back or verified
  std::size_t pending = 0;            // status: not applied yet
  std::string note;                   // a short word for the summary: "drift", "at head", ...
  std::chrono::milliseconds duration{0};
  std::string error;                  // the first line of what went wrong
  int exit_code = 0;                  // what a single run on this target would exit with
  bool ok() const { return state == TargetState::done; }
};

// Told of every change, from the threads that run the targets (one call at a time).
class FleetObserver {
 public:
  virtual ~FleetObserver() = default;
  virtual void on_change(std::size_t index, const Target& target, const TargetResult& result,
                         std::string_view activity) = 0;
};

// What the work on a target reports while it runs ("applying version 3"); thread-safe.
using Activity = std::function<void(std::string_view)>;
// The work on one target: fills `result` (from, to, migrations, note) and returns normally
// when it succeeded, or throws core::Error.
using TargetWork = std::function<void(const Target&, TargetResult&, const Activity&)>;

enum class OnError { stop, cont };

struct FleetOptions {
  int parallel = 1;
  int canary = 0;  // the first N targets run alone first; a failure among them stops the rest
  OnError on_error = OnError::stop;
};

struct FleetReport {
  std::vector<TargetResult> results;  // in the order of the targets
  std::chrono::milliseconds duration{0};
  bool canary_failed = false;
  bool interrupted = false;
  // 0 when every target succeeded; else 1 when any failed, 3 when the only failures were
  // unreachable or locked targets, 128 + signal after Ctrl-C or SIGTERM.
  int exit_code() const;
};

FleetReport run_fleet(const std::vector<Target>& targets, const FleetOptions& options, const TargetWork& work,
                      FleetObserver& observer);

}  // namespace migrator::fleet
