#pragma once
#include <string>

namespace migrator::test {

// Kills (SIGKILL) `migrator apply` and `migrator rollback` of tests/data/plans/kill_trials,
// `trials` times each (half at random points, half aimed inside its transaction: false
// migration), against the database at `url`; after every kill the
// next run must complete, and the history and the data must agree (issue 9, "In CI").
// MIGRATOR_KILL_TRIALS overrides `trials`. Deterministic: the points come from a fixed seed.
void kill_conformance(const std::string& url, int trials);

}  // namespace migrator::test
