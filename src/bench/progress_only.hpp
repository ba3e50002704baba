#pragma once
// An observer that passes on the progress of long steps (the data load) and nothing else: the
// runner's per-migration lines would mix with a bench's tables, and with the JSON document
// under --format json.
#include "bench/bench.hpp"
#include "db/connection.hpp"
#include "runner/observer.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {

class ProgressOnly : public runner::Observer {
 public:
  explicit ProgressOnly(runner::Observer& target) : m_target(target) {}
  void on_progress(std::string_view what, std::uint64_t done, std::uint64_t total) override {
    m_target.on_progress(what, done, total);
  }

 private:
  runner::Observer& m_target;
};

// Applies `plan` (and the plans it requires) to `db` at the bench's --scale, showing only the
// progress of long steps.
inline runner::RunReport apply_with_progress(BenchContext& ctx, db::Connection& db, const plan::Plan& plan) {
  ProgressOnly progress(ctx.observer);
  runner::ApplyOptions options;
  options.scale = ctx.scale;
  return runner::Runner(db, progress).apply(plan, options);
}

}  // namespace migrator::bench
