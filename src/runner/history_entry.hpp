#pragma once
// The history row a migration is recorded with (apply, baseline).
#include "history/entry.hpp"
#include "plan/model.hpp"

namespace migrator::runner {

history::Entry new_entry(const plan::Plan& plan, const plan::Migration& m, history::Status status,
                         history::Origin origin);

}  // namespace migrator::runner
