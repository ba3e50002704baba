#pragma once
// A progress bar for long work, drawn on a terminal only and at most ten times a second:
//   receipts  [##########..........]  52,000/100,000  612,000 rows/s  0:01 left
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace migrator::report {

class ProgressBar {
 public:
  // Draws on `out` only when it is a terminal (and `enabled`).
  ProgressBar(std::FILE* out, bool enabled);
  void update(std::string_view what, std::uint64_t done, std::uint64_t total);
  // Clears the bar line (before other output is printed, and at the end).
  void clear();

 private:
  std::FILE* m_out;
  bool m_enabled;
  bool m_drawn = false;
  std::string m_what;
  std::chrono::steady_clock::time_point m_started;
  std::chrono::steady_clock::time_point m_last_draw;
};

// "1,234,567"
std::string with_separators(std::uint64_t n);

}  // namespace migrator::report
