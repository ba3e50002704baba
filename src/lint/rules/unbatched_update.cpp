#include "lint/rules/rules.hpp"
#include "lint/rules/unbatched_write.hpp"

namespace migrator::lint::rules {

const Rule& unbatched_update() {
  static const UnbatchedWrite rule(
      "unbatched-update", "an UPDATE without WHERE of a table that existed before the migration",
      "UpdateStmt", "UPDATE",
      "update in batches of a few thousand rows (WHERE id BETWEEN ...), one step each in a migration "
      "with transaction: false, or a DO block that COMMITs after each batch");
  return rule;
}

}  // namespace migrator::lint::rules
