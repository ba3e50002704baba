#include "lint/rules/rules.hpp"
#include "lint/rules/unbatched_write.hpp"

namespace migrator::lint::rules {

const Rule& unbatched_delete() {
  static const UnbatchedWrite rule(
      "unbatched-delete", "a DELETE without WHERE of a table that existed before the migration",
      "DeleteStmt", "DELETE",
      "delete in batches (WHERE id BETWEEN ...) in a migration with transaction: false, or TRUNCATE "
      "when the table may be emptied at once");
  return rule;
}

}  // namespace migrator::lint::rules
