#pragma once
// The error hierarchy. Each subclass carries SPEC's exit code; only the CLI's main catches
// Error, prints what(), the detail lines and the hint, and exits with exit_code().
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_loc.hpp"

namespace migrator::core {

enum ExitCode : int { exit_ok = 0, exit_failed = 1, exit_usage = 2, exit_unreachable = 3 };

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

 private:
  std::string m_hint;
  std::optional<SourceLoc> m_location;
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

// Every problem of a plan, not just the first; what() lists them all.
class PlanError : public UsageError {
 public:
  explicit PlanError(Diagnostics diagnostics)
      : UsageError(join(diagnostics)), m_diagnostics(std::move(diagnostics)) {}
  const Diagnostics& diagnostics() const { return m_diagnostics; }

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
