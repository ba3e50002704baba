#pragma once
// Turning a database error or a failed check into a message that names the file and line,
// the step, the check, the SQL and the database's own words (STYLE.md "Errors").
#include <string>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "plan/model.hpp"
#include "runner/observer.hpp"

namespace migrator::runner {

// "steps[1]" for step 1 of `m`, by position.
std::string step_key(const plan::Migration& m, const plan::Step& step);

// A step's action failed with `error`.
core::MigrationFailed step_failed(const plan::Migration& m, const plan::Step& step, const plan::Action& action,
                                  const core::Error& error, core::Dialect dialect);

// A step's rollback that failed: step_failed's error, said to be the rollback's.
core::MigrationFailed rollback_failed(const core::MigrationFailed& step_failure);

// A verify check of `step` failed (or its query did); `step` is null for a preserve
// invariant's query.
core::CheckFailed check_failed(const plan::Migration& m, const plan::Step& step, const std::string& key,
                               const plan::Check& check, const CheckOutcome& outcome, core::Dialect dialect);
core::CheckFailed check_query_failed(const plan::Migration& m, const plan::Step* step, const std::string& key,
                                     const plan::Check& check, const core::Error& error, core::Dialect dialect);

// A preserve invariant changed between before and after.
core::CheckFailed preserve_broken(const plan::Migration& m, std::size_t index, const plan::Check& check,
                                  const std::string& before, const std::string& after, core::Dialect dialect);

// "the database is at version 3" / "the database has no version of this plan".
std::string at_version_hint(const std::optional<core::Version>& version);

}  // namespace migrator::runner
