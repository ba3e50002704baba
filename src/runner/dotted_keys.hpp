#pragma once
// Versions whose keys are not what a person types, where a plan meets its history and the
// command line. Flyway's dotted versions (core/migration_version.hpp): once one version of a
// plan is dotted, all of them are keyed dotted, while its history may hold rows recorded
// before (whole numbers) and `--to 3` is typed as one. diesel's stamps of two lengths
// (plan/format_diesel.cpp): a plan that has both keys the 14-digit ones with zeros after
// them, while `--to 20170101120000` is typed as the folder has it and rows recorded before
// the plan's first 18-digit stamp are keyed as written.
#include <utility>
#include <vector>

#include "core/migration_version.hpp"
#include "history/entry.hpp"
#include "history/store.hpp"
#include "plan/model.hpp"

namespace migrator::runner {

bool keys_dotted(const plan::Plan& plan);

// `given` (a --to) in the keys of the plan or of its history: where they are dotted, a whole
// number n means version "n"; a stamp that is no key but is one with zeros after it means
// that key. 0 stays 0, before every version.
core::Version plan_key(const plan::Plan& plan, core::Version given);
core::Version history_key(const std::vector<history::Entry>& entries, core::Version given);

// The plan's rows in the plan's keys: a whole-number row of a plan that keys dotted, and a
// short-stamp row of the same name as a plan migration keyed with zeros after its stamp, are
// re-keyed in memory. Returns the (old, new) keys it changed, for apply to store.
std::vector<std::pair<core::Version, core::Version>> key_like_plan(const plan::Plan& plan,
                                                                   std::vector<history::Entry>& entries);

// The plan's history rows in its keys (key_like_plan); with `store`, re-keyed rows are
// written back in one transaction, before anything else is recorded for the plan. Their
// definitions are read only when a file changed since its row was applied: describing that
// change needs them, and nothing else that reads this way does.
std::vector<history::Entry> plan_entries(history::Store& history, const plan::Plan& plan, bool store);

}  // namespace migrator::runner
