// The orchestration alone, with work that stands in for a migration: bounded parallelism,
// stop and continue, canaries, exit codes. The commands on real databases are in
// tests/cli/fleet_cli_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "fleet/fleet.hpp"

using namespace migrator;

namespace {

std::vector<fleet::Target> targets(int n) {
  std::vector<fleet::Target> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({"t" + std::to_string(i), "", db::parse_url("sqlite:t" + std::to_string(i) + ".db")});
  }
  return out;
}

class Recorder : public fleet::FleetObserver {
 public:
  void on_change(std::size_t, const fleet::Target&, const fleet::TargetResult& r, std::string_view) override {
    changes += r.state == fleet::TargetState::running ? 0 : 1;
  }
  int changes = 0;
};

// Work that fails on the targets named in `failing` (unreachable for "t-unreachable" ones),
// and counts how many run at once.
struct Work {
  std::set<std::string> failing;
  std::set<std::string> unreachable;
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::atomic<int> started{0};

  fleet::TargetWork function() {
    return [this](const fleet::Target& t, fleet::TargetResult& r, const fleet::Activity& activity) {
      ++started;
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      activity("applying");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      --running;
      if (failing.contains(t.name)) {
        throw core::MigrationFailed("migration 2 failed\nsecond line");
      }
      if (unreachable.contains(t.name)) {
        throw core::ConnectError("cannot connect");
      }
      r.to = 3;
      r.migrations = 3;
    };
  }
};

std::size_t count(const fleet::FleetReport& report, fleet::TargetState state) {
  return static_cast<std::size_t>(std::count_if(report.results.begin(), report.results.end(),
                                                [&](const fleet::TargetResult& r) { return r.state == state; }));
}

}  // namespace

TEST_CASE("fleet: every target runs, never more at once than --parallel", "[fleet]") {
  for (const int parallel : {1, 3, 8}) {
    Work work;
    Recorder recorder;
    const auto report = fleet::run_fleet(targets(12), {parallel, 0, fleet::OnError::stop}, work.function(), recorder);
    CHECK(count(report, fleet::TargetState::done) == 12);
    CHECK(work.most <= parallel);
    CHECK(report.exit_code() == 0);
    CHECK(recorder.changes == 12);
  }
}

TEST_CASE("fleet: after a failure stop starts no new target, continue runs them all", "[fleet]") {
  Work stopping;
  stopping.failing = {"t4"};
  Recorder recorder;
  const auto stopped = fleet::run_fleet(targets(10), {1, 0, fleet::OnError::stop}, stopping.function(), recorder);
  CHECK(stopping.started == 5);
  CHECK(stopped.results[4].state == fleet::TargetState::failed);
  CHECK(stopped.results[4].error == "migration 2 failed");  // the first line
  CHECK(stopped.results[4].exit_code == 1);
  CHECK(count(stopped, fleet::TargetState::skipped) == 5);
  CHECK_THAT(stopped.results[9].error, Catch::Contains("--on-error stop"));
  CHECK(stopped.exit_code() == 1);

  Work continuing;
  continuing.failing = {"t4"};
  const auto continued = fleet::run_fleet(targets(10), {3, 0, fleet::OnError::cont}, continuing.function(), recorder);
  CHECK(count(continued, fleet::TargetState::done) == 9);
  CHECK(continued.exit_code() == 1);
}

TEST_CASE("fleet: a failed canary stops the rest, a good one lets them go", "[fleet]") {
  Work work;
  work.failing = {"t1"};
  Recorder recorder;
  const auto report = fleet::run_fleet(targets(8), {4, 2, fleet::OnError::cont}, work.function(), recorder);
  CHECK(report.canary_failed);
  CHECK(work.started == 2);
  CHECK(count(report, fleet::TargetState::skipped) == 6);
  CHECK_THAT(report.results[5].error, Catch::Contains("a canary failed"));

  Work good;
  good.failing = {"t5"};
  const auto went_on = fleet::run_fleet(targets(8), {4, 2, fleet::OnError::cont}, good.function(), recorder);
  CHECK_FALSE(went_on.canary_failed);
  CHECK(good.started == 8);
}

TEST_CASE("fleet: an unreachable target exits 3, unless another failed", "[fleet]") {
  Work work;
  work.unreachable = {"t2"};
  Recorder recorder;
  const auto report = fleet::run_fleet(targets(5), {2, 0, fleet::OnError::cont}, work.function(), recorder);
  CHECK(report.results[2].state == fleet::TargetState::unreachable);
  CHECK(report.exit_code() == 3);
  work.failing = {"t3"};
  CHECK(fleet::run_fleet(targets(5), {2, 0, fleet::OnError::cont}, work.function(), recorder).exit_code() == 1);
}
