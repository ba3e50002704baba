#pragma once
// Medians of repeated runs: one slow run (another process on the machine) does not move them.
#include <functional>
#include <vector>

namespace migrator::bench {

// The median wall time in seconds of `runs` calls of `run`; `between` (may be empty) runs
// after each call, untimed, to put things back for the next one.
double median_seconds(int runs, const std::function<void()>& run,
                      const std::function<void()>& between = {});

// The median of `values` (0 for none).
double median(std::vector<double> values);

}  // namespace migrator::bench
