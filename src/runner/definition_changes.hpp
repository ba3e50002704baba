#pragma once
// How a migration's file differs from the definition stored when it was applied, in what
// runs: each step's SQL or operation, its checks and rollback, the preserve checks, the
// transaction and timeout settings. Names, descriptions and comments are not compared, and
// SQL is compared by what the database makes of it (db/sql_shape), so that a comment added
// to an applied migration is no drift, while a changed rollback is.
#include <string>
#include <vector>

#include "core/dialect.hpp"
#include "history/entry.hpp"
#include "plan/model.hpp"

namespace migrator::runner {

struct DefinitionChange {
  std::string key;     // "steps[1].sql", "steps[0].verify[2].expect", "transaction", ...
  std::string before;  // as applied (stored in the history)
  std::string after;   // as the file says now
};

// Empty when `current` runs exactly what `applied` ran on `dialect`.
std::vector<DefinitionChange> definition_changes(const plan::Migration& applied, const plan::Migration& current,
                                                 core::Dialect dialect);

// What changed in `file` since `applied` was recorded: nothing when the checksums match
// (the quick answer), else definition_changes.
std::vector<DefinitionChange> changes_since_applied(const history::Entry& applied, const plan::Migration& file,
                                                    core::Dialect dialect);

// The hint for an applied migration whose file changes what it runs. Never a rollback:
// in production that deletes data.
std::string changed_migration_hint(const std::string& plan_dir);

// The changes for a person: each key, then the lines that differ ("- " as applied, "+ " now)
// with a line of context around them, indented by `indent`.
std::string describe_changes(const std::vector<DefinitionChange>& changes, const std::string& indent);

}  // namespace migrator::runner
