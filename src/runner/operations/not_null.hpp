#pragma once
// set_not_null / drop_not_null: ALTER COLUMN on PostgreSQL; on SQLite, which has no ALTER
// COLUMN, the column's definition is edited in the stored schema (SQLite's documented
// "writable_schema" procedure for constraint changes that leave the file format alone), after
// checking that no row holds a NULL. Unlike the 12-step table rebuild this keeps rowids,
// indexes and triggers, and fires no ON DELETE CASCADE from dropping the old table.
#include "runner/operation.hpp"

namespace migrator::runner::operations {

class SetNotNull : public OperationHandler {
 public:
  explicit SetNotNull(bool not_null) : m_not_null(not_null) {}
  std::string_view kind() const override { return m_not_null ? "set_not_null" : "drop_not_null"; }
  void run(const plan::Operation& op, OperationContext& ctx) const override;
  std::string describe(const plan::Operation& op, core::Dialect dialect,
                       double scale) const override;

 private:
  bool m_not_null;
};

}  // namespace migrator::runner::operations
