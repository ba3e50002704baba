#pragma once
// What the runner tells whoever presents its work (report/ implements text, json, progress).
// Every callback has a default so an observer implements only what it shows.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plan/model.hpp"

namespace migrator::runner {

struct CheckOutcome {
  bool passed = false;
  std::string observed;   // what the query returned, as shown to a person
  std::string expected;   // what it should have returned
  bool invariant = false; // a preserve check: expected is the value before, observed after
};

class Observer {
 public:
  virtual ~Observer() = default;
  // A plan's run begins (apply or rollback): its newest applied version now (none: nothing).
  virtual void on_plan_start(std::string_view /*plan*/, std::optional<core::Version> /*from*/) {}
  // `plan`: the plan it belongs to (a plan that requires others applies them first).
  virtual void on_migration_start(std::string_view /*plan*/, const plan::Migration&, bool /*rollback*/) {}
  virtual void on_migration_done(const plan::Migration&, std::chrono::milliseconds) {}
  virtual void on_step_start(const plan::Migration&, const plan::Step&) {}
  virtual void on_step_done(const plan::Migration&, const plan::Step&, std::chrono::milliseconds) {}
  // A verify check or a preserve invariant is about to run (a check over millions of rows takes
  // seconds), then what it found.
  virtual void on_check_start(const plan::Check&) {}
  virtual void on_check(const plan::Check&, const CheckOutcome&) {}
  // Long work inside a step (bulk loads): `done` of `total` units of `what`; total 0 = unknown.
  virtual void on_progress(std::string_view /*what*/, std::uint64_t /*done*/,
                           std::uint64_t /*total*/) {}
  // A line worth telling a person (a lock wait, a recovered run, a server notice).
  virtual void on_message(std::string_view /*text*/) {}
  // A message the database server sent while a step ran ("NOTICE: drop cascades to ...",
  // "WARNING: ..."): by default a message like the others.
  virtual void on_server_notice(std::string_view text) { on_message(text); }
  // A line of a step's own report (the load's statistics), shown as it is.
  virtual void on_output(std::string_view /*line*/) {}
  // SQL shown by --dry-run instead of being run.
  virtual void on_dry_run_sql(const plan::Step&, std::string_view /*sql*/) {}
};

}  // namespace migrator::runner
