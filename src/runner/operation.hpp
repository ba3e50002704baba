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
  // What --dry-run prints instead of running it.
  virtual std::string describe(const plan::Operation& op, core::Dialect dialect) const = 0;
};

// The handler for `kind`; nullptr when there is none (the loader rejects those first).
const OperationHandler* find_operation(std::string_view kind);

}  // namespace migrator::runner
