#pragma once
// Tells a run as it happens, the way the seed document's demo does: each migration, each
// step with its time and then its checks with their values, the invariants compared, and
// counts for the summary the command prints.
#include <cstdio>
#include <string>
#include <vector>

#include "report/progress.hpp"
#include "runner/observer.hpp"

namespace migrator::report {

struct TextOptions {
  bool colour = false;
  bool verbose = false;   // also the SQL of every step
  bool quiet = false;     // nothing but lock waits and recoveries
  bool progress = true;   // progress bars (drawn only on a terminal)
  bool silent = false;    // nothing at all: stdout carries a --format json document
};

class TextObserver : public runner::Observer {
 public:
  TextObserver(std::FILE* out, TextOptions options);
  ~TextObserver() override;

  void on_migration_start(std::string_view plan, const plan::Migration& m, bool rollback) override;
  void on_step_start(const plan::Migration& m, const plan::Step& step) override;
  void on_step_done(const plan::Migration& m, const plan::Step& step,
                    std::chrono::milliseconds elapsed) override;
  void on_check_start(const plan::Check& check) override;
  void on_check(const plan::Check& check, const runner::CheckOutcome& outcome) override;
  void on_progress(std::string_view what, std::uint64_t done, std::uint64_t total) override;
  void on_server_notice(std::string_view text) override;
  void on_message(std::string_view text) override;
  void on_output(std::string_view line) override;
  void on_dry_run_sql(const plan::Step& step, std::string_view sql) override;

  // Takes a progress bar off the screen, before the caller prints lines of its own.
  void clear_progress() { m_progress.clear(); }

  int checks_passed() const { return m_passed; }
  int checks_failed() const { return m_failed; }

 private:
  void print(const std::string& line);
  // Check lines wait for their step's line (a step is shown when done, with its time).
  void flush_checks();
  // The step's name, or while it is undone its down file's (golang-migrate, Flyway, diesel).
  const std::string& shown_name(const plan::Step& step) const;

  std::FILE* m_out;
  TextOptions m_options;
  ProgressBar m_progress;
  bool m_rollback = false;
  bool m_in_step = false;
  std::vector<std::string> m_pending;
  int m_passed = 0;
  int m_failed = 0;
};

// "12 ms", "1.52 s", "2 min 05 s"
std::string format_duration(std::chrono::milliseconds elapsed);

// `text` wrapped at `width` columns, every line starting with `indent`.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);

}  // namespace migrator::report
