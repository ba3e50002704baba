#pragma once
// Benchmarks: measured, never asserted (speed claims live here, not in unit tests). Each case
// prints what it measured as aligned tables and adds the same figures to a JSON document.
#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "db/url.hpp"
#include "runner/observer.hpp"

namespace migrator::bench {

struct BenchContext {
  db::Url url;                 // the server (or SQLite) to measure on; cases use scratch databases
  double scale = 1.0;
  runner::Observer& observer;  // progress and messages
  std::function<void(const std::string&)> print;  // a line of the text report
  nlohmann::json& results;     // the case's figures, for --out / --format json
  int runs = 5;                // repetitions of each timed measurement (the median is shown)
  std::filesystem::path history;  // bench check --history: a real migration history to time too
};

struct BenchCase {
  std::string_view name;
  std::string_view description;
  void (*run)(BenchContext&);
};

// Every case, in the order `migrator bench` runs them.
std::span<const BenchCase> bench_cases();
const BenchCase* find_bench_case(std::string_view name);

// Seconds since `start`, as a double.
double seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace migrator::bench
