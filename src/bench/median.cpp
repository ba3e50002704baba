#include "bench/median.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "bench/bench.hpp"

namespace migrator::bench {

double median_seconds(int runs, const std::function<void()>& run,
                      const std::function<void()>& between) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(seconds_since(start));
    if (between) {
      between();
    }
  }
  std::sort(times.begin(), times.end());
  return times.empty() ? 0.0 : times[times.size() / 2];
}

}  // namespace migrator::bench
