#pragma once
// Built-in step operations (plan/operation_spec.hpp says what they accept). Each has one
// implementation file in runner/operations/; runner/operations.cpp lists them all.
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "plan/model.hpp"
#include "runner/observer.hpp"

namespace migrator::runner {

struct OperationContext {
  db::Connection& db;
  Observer& observer;
  double scale = 1.0;  // multiplies generated row counts (migrator apply --scale)
};

class OperationHandler {
 public:
  virtual ~OperationHandler() = default;
  virtual std::string_view kind() const = 0;
  // Runs inside the migration's transaction when it has one. Throws core::Error subclasses.
  virtual void run(const plan::Operation& op, OperationContext& ctx) const = 0;
  // What --dry-run prints instead of running it; `scale` is apply --scale.
  virtual std::string describe(const plan::Operation& op, core::Dialect dialect,
                               double scale) const = 0;
  // Why the operation is better run in a transaction: false migration, for `migrator check`
  // (rule transaction-false-needless); empty when it has no reason to.
  virtual std::string outside_transaction_reason() const { return {}; }
  // Whether a run() that throws has left nothing behind (its own transaction rolled back),
  // so that a transaction: false migration must not run the step's rollback after it: that
  // would undo what the step never did (the rows that made a load refuse to start).
  virtual bool all_or_nothing() const { return false; }
};

// The handler for `kind`; nullptr when there is none (the loader rejects those first).
const OperationHandler* find_operation(std::string_view kind);

}  // namespace migrator::runner
