#pragma once
// Ctrl-C and SIGTERM as a clean stop. The first SIGINT or SIGTERM is noted and the work in
// flight is cancelled (every registered canceller runs: PostgreSQL's PQcancel, SQLite's
// sqlite3_interrupt), so the statement fails, the runner undoes the migration as on any
// failure, destructors release the lock and remove scratch databases, and the CLI exits
// 128 + the signal (130, 143). A second signal exits at once, leaving what a kill -9 leaves,
// which the next run repairs. Without install() (the tests' own process) nothing changes.
#include <atomic>
#include <functional>
#include <string>

namespace migrator::util {

// Installs the handlers and the thread that runs the cancellers. Once, from main.
void install_interrupt_handlers();

// The signal that asked to stop (SIGINT, SIGTERM), or 0.
int interrupt_signal();
inline bool interrupted() { return interrupt_signal() != 0; }
// "SIGINT (Ctrl-C)" or "SIGTERM".
std::string interrupt_name(int signal);
// Throws core::Interrupted when a signal asked to stop: called where new work would begin
// (a step, a migration, a lock poll, a batch of generated rows), never while undoing. The
// caller saw the signal itself, so it first settles the cancellations (wait_for_cancellers).
void stop_if_interrupted();
// Waits (at most 2 s) until the cancellers of the signal that arrived have run, then settles
// every cancellation still owed (see CancelRegistration::take_pending). The handler notes
// the signal at once and a thread cancels a moment later: work that sees the signal and
// starts undoing must first let that cancellation land, or it cancels the undo.
void wait_for_cancellers();
// For tests: as if `signal` had arrived (runs the cancellers), or back to 0.
void simulate_interrupt(int signal);

// Registers a connection's `cancel` for as long as it lives. `cancel` runs on another
// thread, at most once per signal, while this object exists (its destructor waits for a run
// in progress).
//
// A cancel only stops a statement that is running: one that starts a moment later (the
// signal came between the runner's last look and the statement) would run to its end, for
// minutes. So a signal also leaves a cancellation owed to every registered connection,
// which the connection pays with its next statement (take_pending() at its start, pending()
// in a progress callback) or settles when its statement failed as cancelled (settle()).
// wait_for_cancellers() settles them all: from then on statements run, to undo.
class CancelRegistration {
 public:
  explicit CancelRegistration(std::function<void()> cancel);
  ~CancelRegistration();
  CancelRegistration(const CancelRegistration&) = delete;
  CancelRegistration& operator=(const CancelRegistration&) = delete;

  bool pending() const { return m_pending.load(); }
  // Whether a cancellation was owed; it no longer is.
  bool take_pending() { return m_pending.exchange(false); }
  void settle() { m_pending.store(false); }

 private:
  friend void run_cancellers();
  friend void settle_cancellations();
  std::function<void()> m_cancel;
  std::atomic<bool> m_pending{false};
};

}  // namespace migrator::util
