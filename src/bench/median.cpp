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
  return median(std::move(times));
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

}  // namespace migrator::bench
