#include "util/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <set>
#include <mutex>
#include <thread>

#include "core/error.hpp"

namespace migrator::util {
namespace {

std::atomic<int> g_signal{0};
int g_pipe[2] = {-1, -1};

std::mutex& cancellers_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::set<CancelRegistration*>& cancellers() {
  static std::set<CancelRegistration*> registered;
  return registered;
}

// Whether the cancellers of the signal that arrived have run, for wait_for_cancellers().
std::mutex g_cancelled_mutex;
std::condition_variable g_cancelled_changed;
bool g_cancelled = false;

void note_cancelled() {
  {
    const std::lock_guard guard(g_cancelled_mutex);
    g_cancelled = true;
  }
  g_cancelled_changed.notify_all();
}

}  // namespace

// Owed first, then cancelled: a statement that starts after the cancel pays what is owed.
void run_cancellers() {
  const std::lock_guard guard(cancellers_mutex());
  for (auto* registration : cancellers()) {
    registration->m_pending.store(true);
    registration->m_cancel();
  }
}

void settle_cancellations() {
  const std::lock_guard guard(cancellers_mutex());
  for (auto* registration : cancellers()) {
    registration->settle();
  }
}

namespace {

// Async-signal-safe only: an atomic exchange, write(2) and _exit(2).
extern "C" void on_signal(int signal) {
  if (g_signal.exchange(signal) != 0) {
    _exit(128 + signal);  // the second one: at once
  }
  const char byte = 1;
  [[maybe_unused]] const ssize_t ignored = write(g_pipe[1], &byte, 1);
}

// Wakes on the handler's byte, outside signal context, where cancelling may take locks.
void watch() {
  char byte = 0;
  while (true) {
    const ssize_t got = read(g_pipe[0], &byte, 1);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      return;
    }
    std::fprintf(stderr, "\nmigrator: %s: stopping; cancelling the running statement and undoing what it began "
                         "(press Ctrl-C again to exit at once)\n",
                 interrupt_name(g_signal.load()).c_str());
    std::fflush(stderr);
    run_cancellers();
    note_cancelled();
  }
}

}  // namespace

void install_interrupt_handlers() {
  if (pipe(g_pipe) != 0) {
    return;  // without the pipe, the default action (exit at once) stays
  }
  std::thread(watch).detach();
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return g_signal.load(); }

void stop_if_interrupted() {
  if (const int signal = g_signal.load(); signal != 0) {
    wait_for_cancellers();
    throw core::Interrupted(interrupt_name(signal), signal);
  }
}

std::string interrupt_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "interrupted (SIGINT)";
    case SIGTERM:
      return "terminated (SIGTERM)";
    default:
      return "stopped by signal " + std::to_string(signal);
  }
}

void simulate_interrupt(int signal) {
  g_signal.store(signal);
  if (signal != 0) {
    run_cancellers();
    note_cancelled();
  } else {
    settle_cancellations();
    const std::lock_guard guard(g_cancelled_mutex);
    g_cancelled = false;
  }
}

void wait_for_cancellers() {
  if (!interrupted()) {
    return;
  }
  {
    std::unique_lock lock(g_cancelled_mutex);
    g_cancelled_changed.wait_for(lock, std::chrono::seconds(2), [] { return g_cancelled; });
  }
  settle_cancellations();
}

CancelRegistration::CancelRegistration(std::function<void()> cancel) : m_cancel(std::move(cancel)) {
  const std::lock_guard guard(cancellers_mutex());
  cancellers().insert(this);
}

CancelRegistration::~CancelRegistration() {
  const std::lock_guard guard(cancellers_mutex());
  cancellers().erase(this);
}

}  // namespace migrator::util
