#pragma once
// generate: loads the construction-receipts data set (generate/) into the scenario's tables,
// streaming through db::BulkWriter, then reports the statistics. Counts are exact and
// checked; apply --scale multiplies them. In a transaction: false migration the load runs in
// a bulk_load transaction of its own (on SQLite: foreign keys checked once at its end).
#include "runner/operation.hpp"

namespace migrator::runner::operations {

class Generate : public OperationHandler {
 public:
  std::string_view kind() const override { return "generate"; }
  void run(const plan::Operation& op, OperationContext& ctx) const override;
  std::string describe(const plan::Operation& op, core::Dialect dialect,
                       double scale) const override;
  std::string outside_transaction_reason() const override {
    return "a bulk load in a transaction of its own";
  }
  bool all_or_nothing() const override { return true; }
};

}  // namespace migrator::runner::operations
