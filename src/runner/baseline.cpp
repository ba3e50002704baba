// migrator baseline PLAN [--to V]: a database that already has the schema of versions up to V
// (made by another tool, or by hand) adopts the plan; apply goes on from V. Without --to, the
// versions the plan's own tool recorded there (dbmate's schema_migrations, ...) are recorded.
#include <algorithm>
#include <set>

#include "db/catalog.hpp"
#include "runner/dotted_keys.hpp"
#include "runner/foreign_history.hpp"
#include "runner/history_entry.hpp"
#include "runner/runner.hpp"

namespace migrator::runner {
namespace {

// --to a version of the plan, or an error naming the nearest that is.
void require_plan_version(const plan::Plan& plan, core::Version to) {
  if (plan.find(to) != nullptr) {
    return;
  }
  std::string versions;
  for (const auto& m : plan.migrations) {
    if (m.version <= to) {
      versions = core::version_text(m.version);  // the nearest below
    }
  }
  throw core::UsageError("version " + core::version_text(to) + " is not in plan \"" + plan.name +
                             "\"; nothing was recorded",
                         versions.empty() ? "name one of its versions (the first is " +
                                                core::version_text(plan.migrations.front().version) + ")"
                                          : "name one of its versions: the nearest below is " + versions);
}

// What the plan's tool recorded, as the versions to record; refused where the tool left a
// migration half done or recorded nothing.
std::set<core::Version> tool_versions(db::Connection& db, const plan::Plan& plan, const BaselineOptions& options,
                                      BaselineReport& report) {
  const auto table = options.history_table.empty() ? foreign_history_table(plan) : options.history_table;
  if (table.empty()) {
    throw core::UsageError("baseline needs --to: plan \"" + plan.name + "\" is migrator's own, so no other tool's "
                           "history tells what the database has; nothing was recorded",
                           "name the newest version the database already has: `migrator baseline " +
                               plan.dir.string() + " --to V`");
  }
  if (!db::table_exists(db, table)) {
    throw core::UsageError("no --to, and there is no table " + table + " here, where " +
                               std::string(plan::to_string(plan.format)) + " keeps its history; nothing was recorded",
                           "name the newest version the database already has with --to, or the table " +
                               std::string(plan::to_string(plan.format)) + " keeps with --history-table");
  }
  const auto history = read_foreign_history(db, plan, table);
  if (!history || history->applied.empty()) {
    throw core::UsageError(
        "no --to, and " + table + " records no version of plan \"" + plan.name + "\" here" +
            (history && !history->unknown.empty() ? " (only " + history->unknown.front() + ", which it lacks)" : "") +
            "; nothing was recorded",
        "name the newest version the database already has with --to, or the table " +
            std::string(plan::to_string(plan.format)) + " keeps with --history-table");
  }
  if (!history->unfinished.empty()) {
    throw core::UsageError(history->unfinished + " (" + table + "); nothing was recorded",
                           "finish or undo that migration by hand, mark it done with " + history->tool +
                               " itself, then run baseline again");
  }
  report.tool = history->tool;
  report.table = history->table;
  report.unknown = history->unknown;
  return {history->applied.begin(), history->applied.end()};
}

}  // namespace

BaselineReport Runner::baseline(const plan::Plan& plan, const BaselineOptions& given) {
  BaselineReport report;
  std::optional<core::Version> to;
  if (given.to) {
    to = plan_key(plan, *given.to);
    require_plan_version(plan, *to);
  }
  const auto lock = m_db.lock(k_lock_key, given.lock_wait, [&](const std::string& holder) {
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
  std::set<core::Version> recorded_by_tool;
  if (!to) {
    recorded_by_tool = tool_versions(m_db, plan, given, report);
    to = *recorded_by_tool.rbegin();
  }
  auto tx = m_db.begin();
  for (const auto& m : plan.migrations) {
    if (m.version > *to) {
      break;
    }
    if (!report.tool.empty() && recorded_by_tool.count(m.version) == 0) {
      report.left_pending.push_back(m.version);  // the tool never applied it: apply's to run
      continue;
    }
    auto entry = new_entry(plan, m, m_db.dialect(), history::Status::applied, history::Origin::baseline);
    m_history.insert(entry);
    report.migrations.push_back({plan.name, m.version, m.name, {}});
  }
  tx->commit();
  report.to_version = to;
  return report;
}

}  // namespace migrator::runner
