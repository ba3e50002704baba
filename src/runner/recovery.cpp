// Finishing what a killed run left behind. Only `transaction: false` migrations can be caught
// half way (the others roll back with their transaction); their history row says how far
// they got, and the rollbacks stored in it undo exactly that, so no person has to clear a
// "dirty" flag.
#include "runner/runner.hpp"
#include "runner/steps.hpp"
#include "util/interrupt.hpp"

namespace migrator::runner {

void Runner::recover(std::string_view plan_name) {
  Session session{m_db, m_history, m_observer, 1.0};
  for (const auto& entry : m_history.unfinished_entries(plan_name)) {
    const auto& m = entry.definition();
    const int steps = static_cast<int>(m.steps.size());
    const bool applying = entry.status == history::Status::applying;
    const bool failed = entry.status == history::Status::rollback_failed;
    // While applying, step steps_done may have run in part; while rolling back, step
    // steps_done - 1 may have been undone in part. Either may fail to undo: tolerate that one.
    // A rollback that stopped at an error did not undo that step: it must run, and succeed.
    const int top = applying ? std::min(entry.steps_done, steps - 1) : entry.steps_done - 1;
    const bool tolerate_top = applying ? entry.steps_done < steps : !failed;
    m_observer.on_message(
        "migration " + core::version_text(entry.version) + " (" + entry.name + ") " +
        (failed ? "stopped at an error while rolling back"
                : std::string("was interrupted while ") + (applying ? "applying" : "rolling back")) +
        " at step " + std::to_string(entry.steps_done + (applying ? 1 : 0)) + " of " + std::to_string(steps) +
        (failed ? "; rolling back its steps again before going on" : "; undoing its steps before going on"));
    int in_place = top + 1;
    try {
      undo_steps(session, m, top, tolerate_top, [&](int i) {
        m_history.set_progress(plan_name, entry.version, entry.status, i);
        in_place = i;
      });
    } catch (core::Error& e) {
      if (applying || dynamic_cast<const core::ConnectError*>(&e) != nullptr || util::interrupted()) {
        throw;
      }
      // As rollback.cpp records a rollback that stops at an error: that step is still in place.
      m_history.set_progress(plan_name, entry.version, history::Status::rollback_failed, in_place);
      e.set_hint("migration " + core::version_text(entry.version) + "'s rollback stopped at step " +
                 std::to_string(in_place) + (failed && in_place == top + 1 ? ", as it did the last time" : "") +
                 "; that step is still in place. Fix its rollback in the file and run `migrator repair`, or fix "
                 "the database so that it runs");
      throw;
    }
    m_history.remove(plan_name, entry.version);
  }
}

}  // namespace migrator::runner
