#pragma once
// The history row a migration is recorded with (apply, baseline).
#include <string>

#include "history/entry.hpp"
#include "plan/model.hpp"

namespace migrator::runner {

// The file a row names: as the plan names it, a file or diesel's folder/up.sql (whose
// folder is the stamp `--to` may be written as).
std::string history_file(const plan::Plan& plan, const plan::Migration& m);

// `dialect`: the database's, whose SQL alone the row keeps.
history::Entry new_entry(const plan::Plan& plan, const plan::Migration& m, core::Dialect dialect,
                         history::Status status, history::Origin origin);

}  // namespace migrator::runner
