#pragma once
// The error hierarchy. Each subclass carries SPEC's exit code; only the CLI's main catches
// Error, prints what(), the detail lines and the hint, and exits with exit_code().
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/migration_version.hpp"
#include "core/source_loc.hpp"

namespace migrator::core {

enum ExitCode : int { exit_ok = 0, exit_failed = 1, exit_usage = 2, exit_unreachable = 3 };

// Where in a plan a run failed and what the database said, each on its own for
// --format json, so that scripts need not parse what(). Empty strings are unknown.
struct FailurePoint {
  Version version = 0;           // the migration
  std::string key;               // "steps[1]", "steps[1].verify[0]", "preserve[0]"
  std::string step;              // the step's name, when a step or its check failed
  std::string check;             // the check's or the invariant's name
  std::string code;              // SQLSTATE ("23505") or SQLite's ("SQLITE 1555")
  std::string database_message;  // the database's own words
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  Error(const std::string& message, std::string hint)
      : std::runtime_error(message), m_hint(std::move(hint)) {}
  virtual int exit_code() const = 0;
  const std::string& hint() const { return m_hint; }
  void set_hint(std::string hint) { m_hint = std::move(hint); }
  // Where in a plan file the error arose (a step's failing SQL line, a check), when it did.
  // what() then starts with "<location.str()>: ".
  const std::optional<SourceLoc>& location() const { return m_location; }
  void set_location(SourceLoc location) { m_location = std::move(location); }
  // The migration, step and check that failed, when a run's step or check did.
  const std::optional<FailurePoint>& failure_point() const { return m_failure_point; }
  void set_failure_point(FailurePoint point) { m_failure_point = std::move(point); }

 private:
  std::string m_hint;
  std::optional<SourceLoc> m_location;
  std::optional<FailurePoint> m_failure_point;
};

// Exit 1: the database is at the last good version.
class MigrationFailed : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return exit_failed; }
};
class CheckFailed : public MigrationFailed {
 public:
  using MigrationFailed::MigrationFailed;
};
class LintFailed : public MigrationFailed {
 public:
  using MigrationFailed::MigrationFailed;
};

// Exit 2: nothing was touched.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return exit_usage; }
};

// Every problem of a plan (or of another file a run reads: `subject` says which), not just
// the first; what() lists them all.
class PlanError : public UsageError {
 public:
  explicit PlanError(Diagnostics diagnostics, std::string subject = "the plan")
      : UsageError(join(diagnostics)), m_diagnostics(std::move(diagnostics)), m_subject(std::move(subject)) {}
  const Diagnostics& diagnostics() const { return m_diagnostics; }
  // "the plan", "the targets file": what the closing line says the problems are in.
  const std::string& subject() const { return m_subject; }

 private:
  static std::string join(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
      if (!out.empty()) {
        out += "\n";
      }
      out += d.str();
    }
    return out;
  }
  Diagnostics m_diagnostics;
  std::string m_subject;
};

// Exit 3: the database could not be reached or locked.
class ConnectError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return exit_unreachable; }
};
class LockTimeout : public ConnectError {
 public:
  LockTimeout(std::string message, std::string hint, std::string holder = {})
      : ConnectError(std::move(message), std::move(hint)), m_holder(std::move(holder)) {}
  // Who held the lock ("pid 123 on host since ..."), for status and verify.
  const std::string& holder() const { return m_holder; }

 private:
  std::string m_holder;
};

// Exit 128 + the signal (130 for SIGINT, 143 for SIGTERM): a run stopped on request before
// it began new work; what() says what it had done (util/interrupt.hpp).
class Interrupted : public Error {
 public:
  Interrupted(std::string message, int signal, std::string hint = {})
      : Error(std::move(message), std::move(hint)), m_signal(signal) {}
  int exit_code() const override { return 128 + m_signal; }

 private:
  int m_signal;
};

}  // namespace migrator::core
