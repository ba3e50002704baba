#pragma once
// Running one step action: SQL for the connection's dialect, or a built-in operation.
#include <string>

#include "plan/model.hpp"
#include "runner/operation.hpp"

namespace migrator::runner {

void run_action(const plan::Action& action, OperationContext& ctx);

// The SQL the action runs on `dialect`, or nullptr for a built-in operation (or no SQL).
const std::string* plain_sql(const plan::Action& action, core::Dialect dialect);

// True for an operation that leaves nothing behind when it fails (OperationHandler).
bool all_or_nothing(const plan::Action& action);

// The SQL (or the operation's description) that run_action would run, for --dry-run.
std::string describe_action(const plan::Action& action, core::Dialect dialect, double scale = 1.0);

}  // namespace migrator::runner
