#include "fleet/fleet.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "util/interrupt.hpp"

namespace migrator::fleet {
namespace {

std::string first_line(std::string_view text) { return std::string(text.substr(0, text.find('\n'))); }

// The shared tally: which target is next, what each came to, whether to go on.
class Tally {
 public:
  Tally(const std::vector<Target>& targets, const TargetWork& work, FleetObserver& observer, OnError on_error)
      : m_targets(targets), m_work(work), m_observer(observer), m_on_error(on_error), m_results(targets.size()) {}

  // Runs targets [first, last) on `parallel` threads.
  void run(std::size_t first, std::size_t last, int parallel) {
    m_next = first;
    m_last = last;
    const auto threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(parallel, 1)), last - first);
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < threads; ++i) {
      workers.emplace_back([this] { work_loop(); });
    }
    work_loop();  // this thread is one of them
    for (auto& worker : workers) {
      worker.join();
    }
  }

  bool any_failed(std::size_t first, std::size_t last) const {
    return std::any_of(m_results.begin() + static_cast<std::ptrdiff_t>(first),
                       m_results.begin() + static_cast<std::ptrdiff_t>(last),
                       [](const TargetResult& r) { return r.state == TargetState::failed || r.state == TargetState::unreachable; });
  }

  // What never started: skipped, and said so.
  void skip_the_rest(const std::string& why) {
    for (std::size_t i = 0; i < m_results.size(); ++i) {
      if (m_results[i].state == TargetState::waiting) {
        m_results[i].state = TargetState::skipped;
        m_results[i].error = why;
        report(i, "");
      }
    }
  }

  void stop_new_starts() { m_stopped = true; }
  std::vector<TargetResult> results() && { return std::move(m_results); }

 private:
  void work_loop() {
    while (true) {
      std::size_t index = 0;
      {
        const std::lock_guard guard(m_mutex);
        if (m_stopped || m_next >= m_last || util::interrupted()) {
          return;
        }
        index = m_next++;
        m_results[index].state = TargetState::running;
      }
      run_one(index);
    }
  }

  void run_one(std::size_t index) {
    const auto& target = m_targets[index];
    TargetResult result;
    result.state = TargetState::running;
    report(index, result, "starting");
    const auto started = std::chrono::steady_clock::now();
    const Activity activity = [&](std::string_view what) { report(index, result, what); };
    try {
      m_work(target, result, activity);
      result.state = TargetState::done;
    } catch (const core::Error& e) {
      // A database that cannot be reached, or whose lock another run holds: exit 3 alone.
      result.state = e.exit_code() == core::exit_unreachable ? TargetState::unreachable : TargetState::failed;
      result.error = first_line(e.what());
      result.exit_code = e.exit_code();
    } catch (const std::exception& e) {
      result.state = TargetState::failed;
      result.error = "internal error: " + first_line(e.what());
      result.exit_code = core::exit_failed;
    }
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    const std::lock_guard guard(m_mutex);
    m_results[index] = result;
    if (!result.ok() && m_on_error == OnError::stop) {
      m_stopped = true;
    }
    m_observer.on_change(index, target, result, "");
  }

  void report(std::size_t index, const TargetResult& result, std::string_view activity) {
    const std::lock_guard guard(m_mutex);
    m_observer.on_change(index, m_targets[index], result, activity);
  }
  void report(std::size_t index, std::string_view activity) {
    m_observer.on_change(index, m_targets[index], m_results[index], activity);
  }

  const std::vector<Target>& m_targets;
  const TargetWork& m_work;
  FleetObserver& m_observer;
  OnError m_on_error;
  std::mutex m_mutex;  // m_next, m_stopped, m_results, and the observer
  std::vector<TargetResult> m_results;
  std::size_t m_next = 0;
  std::size_t m_last = 0;
  bool m_stopped = false;
};

}  // namespace

std::string_view to_string(TargetState state) {
  switch (state) {
    case TargetState::waiting:
      return "waiting";
    case TargetState::running:
      return "running";
    case TargetState::done:
      return "done";
    case TargetState::failed:
      return "failed";
    case TargetState::unreachable:
      return "unreachable";
    case TargetState::skipped:
      return "skipped";
  }
  return "?";
}

int FleetReport::exit_code() const {
  if (interrupted) {
    return 128 + util::interrupt_signal();
  }
  const auto any = [&](TargetState state) {
    return std::any_of(results.begin(), results.end(), [&](const TargetResult& r) { return r.state == state; });
  };
  // Targets skipped after an unreachable one are that one's doing: still 3.
  return any(TargetState::failed)        ? core::exit_failed
         : any(TargetState::unreachable) ? core::exit_unreachable
         : any(TargetState::skipped)     ? core::exit_failed
                                         : core::exit_ok;
}

FleetReport run_fleet(const std::vector<Target>& targets, const FleetOptions& options, const TargetWork& work,
                      FleetObserver& observer) {
  const auto started = std::chrono::steady_clock::now();
  Tally tally(targets, work, observer, options.on_error);
  FleetReport report;
  const auto canaries = std::min<std::size_t>(static_cast<std::size_t>(std::max(options.canary, 0)), targets.size());
  if (canaries > 0) {
    tally.run(0, canaries, options.parallel);
    report.canary_failed = tally.any_failed(0, canaries);
  }
  if (report.canary_failed) {
    tally.skip_the_rest("not started: a canary failed");
  } else {
    tally.run(canaries, targets.size(), options.parallel);
    tally.skip_the_rest(util::interrupted() ? "not started: " + util::interrupt_name(util::interrupt_signal())
                                            : "not started: an earlier target failed (--on-error stop)");
  }
  report.interrupted = util::interrupted();
  report.results = std::move(tally).results();
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return report;
}

}  // namespace migrator::fleet
