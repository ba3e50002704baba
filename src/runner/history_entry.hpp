#pragma once
// The history row a migration is recorded with (apply, baseline).
#include "history/entry.hpp"
#include "plan/model.hpp"

namespace migrator::runner {

// `dialect`: the database's, whose SQL alone the row keeps.
history::Entry new_entry(const plan::Plan& plan, const plan::Migration& m, core::Dialect dialect,
                         history::Status status, history::Origin origin);

}  // namespace migrator::runner
