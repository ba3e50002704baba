// migrator verify and migrator status: what the database holds, compared with its checks and
// with the plan files when they are at hand.
#include <algorithm>
#include <map>
#include <set>

#include "runner/checks.hpp"
#include "runner/definition_changes.hpp"
#include "core/error.hpp"
#include "runner/dotted_keys.hpp"
#include "runner/history_entry.hpp"
#include "runner/runner.hpp"

namespace migrator::runner {

std::string_view to_string(VersionState state) {
  switch (state) {
    case VersionState::applied:
      return "applied";
    case VersionState::pending:
      return "pending";
    case VersionState::drifted:
      return "drifted";
    case VersionState::missing_file:
      return "missing file";
    case VersionState::incomplete:
      return "incomplete";
    case VersionState::in_progress:
      return "in progress";
    case VersionState::out_of_order:
      return "out of order";
    case VersionState::changed:
      return "changed";
  }
  return "unknown";
}

bool VerifyReport::ok() const {
  for (const auto& c : checks) {
    if (!c.outcome.passed) {
      return false;
    }
  }
  return drift.empty();
}

namespace {

// A row per repeatable migration, known to the files or to the history, by name.
void add_repeatable_rows(const std::vector<history::RepeatableEntry>& recorded, const plan::Plan* files,
                         std::vector<VersionStatus>& out) {
  std::map<std::string, const history::RepeatableEntry*> current;
  for (const auto& entry : recorded) {
    current[entry.name] = &entry;  // ordered by seq: the last one stays
  }
  std::map<std::string, VersionStatus> rows;
  for (const auto& [name, entry] : current) {
    auto& row = rows[name];
    row.repeatable = true;
    row.name = name;
    row.state = files != nullptr ? VersionState::missing_file : VersionState::applied;
    row.applied_at = entry->applied_at;
    row.duration = std::chrono::milliseconds(entry->duration_ms);
    row.applied_by = entry->applied_by;
    row.file = entry->file;
  }
  for (const auto& r : files != nullptr ? files->repeatables : std::vector<plan::Migration>{}) {
    auto& row = rows[r.name];
    row.repeatable = true;
    row.name = r.name;
    row.file = r.file.filename().string();
    const auto it = current.find(r.name);
    row.state = it == current.end()                   ? VersionState::pending
                : it->second->checksum == r.sha256 ? VersionState::applied
                                                   : VersionState::changed;
  }
  for (auto& [name, row] : rows) {
    out.push_back(std::move(row));
  }
}

}  // namespace

std::vector<VersionStatus> Runner::status(std::string_view plan_name, const plan::Plan* files) {
  std::map<core::Version, VersionStatus> rows;
  core::Version newest_applied = 0;
  const auto entries = files != nullptr ? plan_entries(m_history, *files, false)
                                         : m_history.entries(plan_name, history::Store::Definitions::none);
  const bool unfinished = std::any_of(entries.begin(), entries.end(),
                                      [](const history::Entry& e) { return e.status != history::Status::applied; });
  const bool someone_applying = unfinished && lock_holder().has_value();
  for (const auto& e : entries) {
    auto& row = rows[e.version];
    row.version = e.version;
    row.name = e.name;
    row.applied_at = e.applied_at;
    row.duration = std::chrono::milliseconds(e.duration_ms);
    row.applied_by = e.applied_by;
    row.file = e.file;
    row.origin = e.origin;
    row.state = e.status == history::Status::applied ? VersionState::applied
                : someone_applying                   ? VersionState::in_progress
                                                     : VersionState::incomplete;
    if (files != nullptr && row.state == VersionState::applied) {
      const auto* m = files->find(e.version);
      if (m == nullptr) {
        row.state = VersionState::missing_file;
      } else if (!changes_since_applied(e, *m, m_db.dialect()).empty()) {
        row.state = VersionState::drifted;
      }
    }
    newest_applied = std::max(newest_applied, e.version);
  }
  if (files != nullptr) {
    for (const auto& m : files->migrations) {
      if (rows.count(m.version) == 0) {
        auto& row = rows[m.version];
        row.version = m.version;
        row.name = m.name;
        row.file = history_file(*files, m);  // as apply will record it
        // A plan that allows it applies versions below the newest: pending, not a problem.
        row.state = m.version < newest_applied && !files->allow_out_of_order ? VersionState::out_of_order
                                                                              : VersionState::pending;
      }
    }
  }
  std::vector<VersionStatus> out;
  for (auto& [version, row] : rows) {
    out.push_back(std::move(row));
  }
  add_repeatable_rows(m_history.repeatable_entries(plan_name), files, out);
  return out;
}

std::optional<std::string> Runner::lock_holder() {
  try {
    // Taken and released at once when free; a zero wait never blocks a live run.
    m_db.lock(k_lock_key, std::chrono::milliseconds(0), nullptr);
  } catch (const core::LockTimeout& e) {
    return e.holder().empty() ? "another run" : e.holder();
  }
  return std::nullopt;
}

// The verify checks of `m`'s steps, each judged and reported; a check whose query fails is
// a failed check, and the read transaction starts again (PostgreSQL refuses every statement
// after an error until it ends).
void Runner::run_checks(const plan::Migration& m, bool repeatable, core::Version version,
                        std::unique_ptr<db::Transaction>& tx, VerifyReport& report) {
  for (const auto& step : m.steps) {
    for (const auto& check : step.verify) {
      CheckReport item{version, m.name, repeatable, step.name, check.name, {}};
      m_observer.on_check_start(check);
      try {
        item.outcome = run_check(m_db, check);
      } catch (const core::ConnectError&) {
        throw;
      } catch (const core::Error& error) {
        item.outcome = {false, std::string("query failed: ") + error.what(), check.expect.value_or("")};
        tx.reset();
        tx = m_db.begin(db::TransactionMode::read);
      }
      m_observer.on_check(check, item.outcome);
      report.checks.push_back(std::move(item));
    }
  }
}

VerifyReport Runner::verify(std::string_view plan_name, const plan::Plan* files) {
  VerifyReport report;
  auto entries = m_history.entries(plan_name, history::Store::Definitions::all);
  if (files != nullptr) {
    key_like_plan(*files, entries);
  }
  const bool unfinished = std::any_of(entries.begin(), entries.end(),
                                      [](const history::Entry& e) { return e.status != history::Status::applied; });
  const auto holder = unfinished ? lock_holder() : std::nullopt;
  // Checks are read-only by contract; the transaction is rolled back anyway, so a check that
  // writes cannot change the database it is verifying. A read transaction takes no write
  // lock (SQLite), so verify runs beside a long apply instead of waiting for it.
  auto tx = m_db.begin(db::TransactionMode::read);
  for (const auto& e : entries) {
    if (e.status != history::Status::applied) {
      if (holder) {
        report.in_flight.push_back({e.version, e.name, "being applied now by " + *holder + "; not verified", {}});
      } else {
        report.drift.push_back({e.version, e.name, "interrupted run; `migrator apply` will finish undoing it", {}});
      }
      continue;
    }
    run_checks(e.definition(), false, e.version, tx, report);
  }
  // Each repeatable migration as it last ran (the newest of its definitions).
  const auto repeatables = m_history.repeatable_entries(plan_name);
  for (std::size_t i = 0; i < repeatables.size(); ++i) {
    if (i + 1 == repeatables.size() || repeatables[i + 1].name != repeatables[i].name) {
      run_checks(repeatables[i].definition, true, 0, tx, report);
    }
  }
  tx.reset();
  if (files != nullptr) {
    std::set<core::Version> in_history;
    core::Version newest_applied = 0;
    for (const auto& e : entries) {
      in_history.insert(e.version);
      newest_applied = std::max(newest_applied, e.version);
      const auto* m = files->find(e.version);
      if (m == nullptr) {
        report.drift.push_back({e.version, e.name,
                                "applied, but the plan has no file for it (" + e.file + ")", {}});
      } else if (auto changes = changes_since_applied(e, *m, m_db.dialect()); !changes.empty()) {
        report.drift.push_back({e.version, e.name,
                                "file " + m->file.filename().string() +
                                    " changed since it was applied on " + e.applied_at + ", in what it runs",
                                std::move(changes)});
      }
    }
    for (const auto& m : files->migrations) {
      if (in_history.count(m.version) == 0 && m.version < newest_applied) {
        report.drift.push_back({m.version, m.name,
                                "not applied, but version " + std::to_string(newest_applied) +
                                    " is: it would never run", {}});
      }
    }
  }
  return report;
}

}  // namespace migrator::runner
