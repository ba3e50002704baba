#pragma once
// generate: loads the construction-receipts data set (generate/) into the scenario's tables,
// streaming through db::BulkWriter inside the migration's transaction, then reports the
// statistics. Counts are exact and checked; apply --scale multiplies them.
#include "runner/operation.hpp"

namespace migrator::runner::operations {

class Generate : public OperationHandler {
 public:
  std::string_view kind() const override { return "generate"; }
  void run(const plan::Operation& op, OperationContext& ctx) const override;
  std::string describe(const plan::Operation& op, core::Dialect dialect) const override;
};

}  // namespace migrator::runner::operations
