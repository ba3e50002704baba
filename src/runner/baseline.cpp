// migrator baseline PLAN --to V: a database that already has the schema of versions up to V
// (made by another tool, or by hand) adopts the plan; apply goes on from V.
#include <algorithm>

#include "runner/history_entry.hpp"
#include "runner/dotted_keys.hpp"
#include "runner/runner.hpp"

namespace migrator::runner {

RunReport Runner::baseline(const plan::Plan& plan, const BaselineOptions& given) {
  auto options = given;
  options.to = plan_key(plan, given.to);
  if (plan.find(options.to) == nullptr) {
    std::string versions;
    for (const auto& m : plan.migrations) {
      if (m.version <= options.to) {
        versions = core::version_text(m.version);  // the nearest below
      }
    }
    throw core::UsageError("version " + core::version_text(options.to) + " is not in plan \"" + plan.name +
                               "\"; nothing was recorded",
                           versions.empty() ? "name one of its versions (the first is " +
                                                  core::version_text(plan.migrations.front().version) + ")"
                                            : "name one of its versions: the nearest below is " + versions);
  }
  const auto lock = m_db.lock(k_lock_key, options.lock_wait, [&](const std::string& holder) {
    m_observer.on_message("waiting for the migration lock, held by " + holder);
  });
  m_history.ensure_table();
  const auto entries = m_history.entries(plan.name, history::Store::Definitions::none);
  if (!entries.empty()) {
    throw core::UsageError("plan \"" + plan.name + "\" already has history here (version " +
                               core::version_text(entries.back().version) + " is recorded); nothing was recorded",
                           "baseline is for a database this plan has never run on; `migrator status` shows "
                           "what is recorded, and `migrator apply` goes on from it");
  }
  RunReport report;
  auto tx = m_db.begin();
  for (const auto& m : plan.migrations) {
    if (m.version > options.to) {
      break;
    }
    auto entry = new_entry(plan, m, m_db.dialect(), history::Status::applied, history::Origin::baseline);
    m_history.insert(entry);
    report.migrations.push_back({plan.name, m.version, m.name, {}});
  }
  tx->commit();
  report.to_version = options.to;
  return report;
}

}  // namespace migrator::runner
