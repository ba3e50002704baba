#pragma once
// A progress line for long work, drawn on a terminal only:
//   receipts  [##########..........]  52,000/100,000  612,000 rows/s  0:01 left  4.2 s
//   fill the summary  ...  2.4 s                          (work with no count: an activity)
// A thread redraws it every quarter of a second while it is shown, so that a single long
// statement (an index build, a check over a million rows) never leaves the screen still
// for more than a second: the time keeps moving.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace migrator::report {

class ProgressBar {
 public:
  // Draws on `out` only when it is a terminal (and `enabled`).
  ProgressBar(std::FILE* out, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `done` of `total` units of `what`; total 0: work whose size is unknown (an activity).
  void update(std::string_view what, std::uint64_t done, std::uint64_t total);
  // Clears the line (before other output is printed, and at the end); the next update
  // shows it again.
  void clear();

 private:
  void draw(std::chrono::steady_clock::time_point now);  // with m_mutex held
  void tick();

  std::FILE* m_out;
  bool m_enabled;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  bool m_drawn = false;
  std::string m_what;
  std::uint64_t m_done = 0;
  std::uint64_t m_total = 0;
  std::chrono::steady_clock::time_point m_started;
  std::chrono::steady_clock::time_point m_last_draw;
  std::thread m_ticker;
};

// "1,234,567"
std::string with_separators(std::uint64_t n);

}  // namespace migrator::report
