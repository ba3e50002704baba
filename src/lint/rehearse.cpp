#include "lint/rehearse.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"
#include "lint/rules/rules.hpp"
#include "lint/schema_diff.hpp"
#include "history/store.hpp"
#include "lint/trace_recorder.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"
#include "util/interrupt.hpp"

namespace migrator::lint {
namespace {

std::string listed(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

bool irreversible(const plan::Migration& m) {
  return std::any_of(m.steps.begin(), m.steps.end(), [](const plan::Step& s) { return !s.rollback; });
}

// Where a finding about a migration's rollback stands: the rollback that runs first (the last
// step's), where a person looks and where that step's allow: reaches.
core::SourceLoc rollback_loc(const plan::Migration& m) {
  if (!m.steps.empty() && m.steps.back().rollback) {
    const auto& rollback = *m.steps.back().rollback;
    if (const auto* sql = std::get_if<plan::Sql>(&rollback)) {
      if (sql->common) {
        return sql->common->loc;
      }
      if (!sql->variants.empty()) {
        return sql->variants.begin()->second.loc;
      }
    } else {
      return std::get<plan::Operation>(rollback).loc;
    }
  }
  return m.loc;
}

// A scratch database and a runner on it; replaced by a new one when a rollback left the
// schema other than the plan makes it, so that the migrations after it are rehearsed too.
struct Scratch {
  Scratch(const db::Url& server, runner::Observer& observer, Trace* trace, const std::string& copy_of)
      : database(server, "rehearse", copy_of),
        db(db::open(database.url())),
        recorder(trace != nullptr ? std::make_unique<TraceRecorder>(*db, database.url(), *trace, observer) : nullptr),
        runner(recorder ? recorder->connection() : *db, recorder ? static_cast<runner::Observer&>(*recorder) : observer) {}
  // Traces what runs until the next call with false (nothing without a trace).
  void trace(bool on) {
    if (recorder) {
      recorder->enable(on);
    }
  }
  db::ScratchDatabase database;
  std::unique_ptr<db::Connection> db;
  std::unique_ptr<TraceRecorder> recorder;
  runner::Runner runner;
};

class Rehearsal {
 public:
  // The versions are rehearsed without the repeatable migrations, which apply would run
  // with the last of them (and rolling that back would then find them left behind).
  Rehearsal(const plan::Plan& plan, const db::Url& server, runner::Observer& observer, RehearseOptions options)
      : m_plan(plan),
        m_versions(plan),
        m_server(server),
        m_observer(observer),
        m_trace(options.trace),
        m_limits(options.limits),
        m_copy_of(std::move(options.copy_of)),
        m_already_applied(options.already_applied) {
    m_versions.repeatables.clear();
  }

  Findings run() {
    if (!fresh_scratch(0)) {
      return take();
    }
    const auto applied = applied_in_copy();
    if (m_already_applied != nullptr) {
      *m_already_applied = applied.size();
    }
    core::Version previous = 0;
    for (std::size_t i = 0; i < m_plan.migrations.size(); ++i) {
      const auto& m = m_plan.migrations[i];
      if (applied.count(m.version) > 0) {
        previous = m.version;  // what the copied database already has: the starting point
        continue;
      }
      m_rehearsed.insert(&m);
      const auto outcome = rehearse(m, previous);
      if (outcome == Outcome::stop) {
        note_not_rehearsed(m_plan.migrations.size() - i - 1);
        return take();
      }
      // A rollback that failed or left the schema otherwise: the next migrations start from a
      // database the plan builds up to this one, as production would have it.
      if (outcome == Outcome::rebuild && !fresh_scratch(m.version)) {
        note_not_rehearsed(m_plan.migrations.size() - i - 1);
        return take();
      }
      previous = m.version;
    }
    rehearse_repeatables();
    return take();
  }

 private:
  enum class Outcome { next, rebuild, stop };

  // The versions of this plan the copied database's history holds as applied (none without a copy).
  std::set<core::Version> applied_in_copy() {
    std::set<core::Version> out;
    if (m_copy_of.empty()) {
      return out;
    }
    for (const auto& entry : history::Store(*m_scratch->db).entries(m_plan.name, history::Store::Definitions::none)) {
      if (entry.status == history::Status::applied) {
        out.insert(entry.version);
      }
    }
    return out;
  }

  // A new scratch database with the required plans and the versions up to `version` applied
  // (on a copy, the required plans are there already).
  bool fresh_scratch(core::Version version) {
    m_scratch.reset();  // the old one is dropped first: one scratch database at a time
    m_scratch = std::make_unique<Scratch>(m_server, m_observer, m_trace, m_copy_of);
    for (const auto& dir : m_copy_of.empty() ? m_plan.requires_plans : std::vector<std::filesystem::path>{}) {
      if (!attempt(nullptr, "apply the required plan " + dir.string(), "make the required plan apply first",
                   [&] { m_scratch->runner.apply(plan::load(dir, {m_scratch->db->dialect()}), {}); })) {
        return false;
      }
    }
    return version == 0 || attempt(nullptr, "build the schema up to version " + core::version_text(version) +
                                                " again after a rollback that did not undo it",
                                   "make that rollback undo its migration exactly", [&] { apply_to(version); });
  }

  // Apply, roll back, compare, apply again.
  Outcome rehearse(const plan::Migration& m, core::Version previous) {
    auto& db = *m_scratch->db;
    const auto before = db.schema_fingerprint();
    // Traced: the first apply and the rollback; not the apply again (the same statements).
    m_scratch->trace(true);
    const bool applied = attempt(&m, "apply " + label(m),
                                 "make the migration and its checks pass on a database built by the plan",
                                 [&] { apply_to(m.version); });
    if (!applied) {
      m_scratch->trace(false);
      return Outcome::stop;  // what comes after it stands on it
    }
    if (irreversible(m) || m.version == 0) {
      m_scratch->trace(false);
    }
    if (irreversible(m)) {
      return Outcome::next;  // declared so, with a reason the loader required
    }
    if (m.version == 0) {
      return Outcome::next;  // diesel's initial setup: rollback --to 0 keeps it, nothing undoes it
    }
    const bool rolled_back = attempt(&m, "roll back " + label(m),
                                     "make the rollback run after the migration: production runs it to undo",
                                     [&] { m_scratch->runner.rollback(m_plan.name, {previous}); });
    m_scratch->trace(false);
    if (!rolled_back) {
      return Outcome::rebuild;
    }
    const auto diff = schema_diff(before, db.schema_fingerprint());
    if (!diff.left.empty()) {
      add(rules::rollback_leaves_objects(), m,
          "the rollback of " + label(m) + " leaves behind what it should remove: " + listed(diff.left),
          "make each step's rollback undo everything its sql creates (the objects listed)");
    }
    if (!diff.changed.empty()) {
      std::vector<std::string> changes;
      for (const auto& c : diff.changed) {
        changes.push_back(c.object + " (was \"" + c.before + "\", is \"" + c.after + "\")");
      }
      add(rules::rollback_leaves_objects(), m,
          "the rollback of " + label(m) + " does not put back as they were: " + listed(changes),
          "make each step's rollback restore what its sql changes (a view's or a column's old definition)");
    }
    if (!diff.removed.empty()) {
      add(rules::rollback_removes_objects(), m,
          "the rollback of " + label(m) + " removes what the migration did not create: " + listed(diff.removed),
          "roll back only what the step made; these existed before " + label(m));
    }
    for (const auto& r : diff.reordered) {
      add(rules::rollback_reorders_columns(), m,
          "the rollback of " + label(m) + " puts the columns of " + r.object.substr(std::string_view("columns ").size()) +
              " back in another order (was \"" + r.before + "\", is \"" + r.after +
              "\"): a column dropped and added back comes last",
          "nothing to mend where code names its columns; PostgreSQL cannot move a column, so give a column list "
          "to SELECT *, INSERT and COPY that rely on the order");
    }
    if (!diff.same_objects()) {
      return Outcome::rebuild;
    }
    return attempt(&m, "apply " + label(m) + " again after its rollback",
                   "make the rollback leave the database as the migration found it", [&] { apply_to(m.version); })
               ? Outcome::next
               : Outcome::rebuild;
  }

  void apply_to(core::Version version) {
    runner::ApplyOptions options;
    options.to = version;
    m_scratch->runner.apply(m_versions, options);
  }

  // On the schema the versions make: run, then run again as apply does whenever a file
  // changes (a CREATE VIEW without OR REPLACE passes once and fails the next deploy).
  void rehearse_repeatables() {
    if (m_plan.repeatables.empty()) {
      return;
    }
    const auto* first = &m_plan.repeatables.front();
    if (!attempt(first, "run the repeatable migrations", "make them run on the schema the versions make",
                 [&] { m_scratch->runner.apply(m_plan, {}); })) {
      return;
    }
    auto changed = m_plan;
    for (auto& r : changed.repeatables) {
      r.sha256 += " (rehearsed again)";
    }
    attempt(first, "run the repeatable migrations a second time",
            "make each one re-runnable (CREATE OR REPLACE, or DROP ... IF EXISTS first): apply runs it again "
            "whenever its file changes",
            [&] { m_scratch->runner.apply(changed, {}); });
  }

  bool attempt(const plan::Migration* m, const std::string& what, const std::string& fix,
               const std::function<void()>& action) {
    try {
      action();
      return true;
    } catch (const core::Error& e) {
      if (util::interrupted()) {
        throw;  // Ctrl-C or SIGTERM: no finding, the run stops (its scratch database dropped)
      }
      // At the step or check that failed when the error knows it, else at the migration.
      auto loc = m != nullptr ? m->loc : core::SourceLoc{m_plan.dir};
      std::string reason = e.what();
      if (const auto& where = e.location()) {
        loc = *where;
        const auto prefix = where->str() + ": ";
        if (reason.rfind(prefix, 0) == 0) {
          reason.erase(0, prefix.size());
        }
      }
      const auto& rule = rules::rehearse_failed();
      m_found.push_back({{std::string(rule.id()), rule.severity(), loc,
                          "the rehearsal could not " + what + ": " + reason, fix},
                         m});
      return false;
    }
  }

  void add(const Rule& rule, const plan::Migration& m, std::string message, std::string fix) {
    m_found.push_back(
        {{std::string(rule.id()), rule.severity(), rollback_loc(m), std::move(message), std::move(fix)}, &m});
  }

  // Said on the finding that stopped the rehearsal, so that a green run is never taken for
  // one that covered every migration.
  void note_not_rehearsed(std::size_t count) {
    if (count > 0 && !m_found.empty()) {
      m_found.back().finding.message += "; the rehearsal stopped there: " + std::to_string(count) +
                                        " later migration" + (count == 1 ? " was" : "s were") + " not rehearsed";
    }
  }

  // The findings, less those a step of their migration allows (allow: rule:
  // rollback-leaves-objects); an allow of a rehearsal rule on a rehearsed migration that
  // suppressed nothing is stale, as the linter says of its own rules.
  Findings take() {
    if (m_trace != nullptr) {
      if (m_scratch && m_scratch->recorder) {
        m_scratch->recorder->finish_watch();
      }
      for (auto& [finding, version] : trace_findings(*m_trace, m_limits)) {
        const auto it = std::find_if(m_plan.migrations.begin(), m_plan.migrations.end(),
                                     [&](const plan::Migration& m) { return m.version == version; });
        m_found.push_back({std::move(finding), it == m_plan.migrations.end() ? nullptr : &*it});
      }
    }
    Findings out;
    std::set<const plan::Allow*> used;
    for (auto& [finding, m] : m_found) {
      const plan::Allow* allow = nullptr;
      for (std::size_t s = 0; m != nullptr && s < m->steps.size() && allow == nullptr; ++s) {
        for (const auto& a : m->steps[s].allow) {
          if (allow == nullptr && a.rule == finding.rule) {
            allow = &a;
          }
        }
      }
      if (allow != nullptr) {
        used.insert(allow);
      } else {
        out.push_back(std::move(finding));
      }
    }
    const auto& unused = rules::allow_unused();
    for (const auto* m : m_rehearsed) {
      for (const auto& step : m->steps) {
        for (const auto& a : step.allow) {
          const auto* rule = find_rule(a.rule);
          if (rule != nullptr && rule->rehearsal() && !rule->measured() && used.count(&a) == 0) {
            out.push_back({std::string(unused.id()), unused.severity(), a.loc,
                           "allow of \"" + a.rule + "\" on step \"" + step.name +
                               "\" suppresses nothing: the rehearsal found no such problem there",
                           "remove the allow entry, so that it cannot hide a later problem"});
          }
        }
      }
    }
    m_found.clear();
    return out;
  }

  static std::string label(const plan::Migration& m) { return "migration " + core::version_text(m.version); }

  struct Found {
    Finding finding;
    const plan::Migration* migration;  // null for the plan as a whole
  };

  const plan::Plan& m_plan;
  plan::Plan m_versions;
  const db::Url& m_server;
  runner::Observer& m_observer;
  Trace* m_trace;
  TraceLimits m_limits;
  std::string m_copy_of;
  std::size_t* m_already_applied;
  std::unique_ptr<Scratch> m_scratch;
  std::vector<Found> m_found;
  std::set<const plan::Migration*> m_rehearsed;
};

}  // namespace

Findings rehearse(const plan::Plan& plan, const db::Url& server, runner::Observer& observer, RehearseOptions options) {
  if (server.dialect != core::Dialect::postgres) {
    options.trace = nullptr;  // what the trace reads (pg_locks, relfilenode) is PostgreSQL's
  }
  return Rehearsal(plan, server, observer, std::move(options)).run();
}

}  // namespace migrator::lint
