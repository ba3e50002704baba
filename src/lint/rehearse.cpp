#include "lint/rehearse.hpp"

#include <algorithm>
#include <functional>
#include <iterator>

#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "lint/rule.hpp"
#include "lint/rules/rules.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"

namespace migrator::lint {
namespace {

// Lines of `a` that `b` lacks, joined with "; ".
std::string missing_from(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> only;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only));
  std::string out;
  for (const auto& line : only) {
    out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

bool irreversible(const plan::Migration& m) {
  return std::any_of(m.steps.begin(), m.steps.end(), [](const plan::Step& s) { return !s.rollback; });
}

class Rehearsal {
 public:
  // The versions are rehearsed without the repeatable migrations, which apply would run
  // with the last of them (and rolling that back would then find them left behind).
  Rehearsal(const plan::Plan& plan, db::Connection& db, runner::Observer& observer)
      : m_plan(plan), m_versions(plan), m_db(db), m_runner(db, observer) {
    m_versions.repeatables.clear();
  }

  Findings run() {
    // The plans this one requires are where it starts from.
    for (const auto& dir : m_plan.requires_plans) {
      if (!attempt(nullptr, "apply the required plan " + dir.string(), "make the required plan apply first",
                   [&] { m_runner.apply(plan::load(dir, {m_db.dialect()}), {}); })) {
        return std::move(m_findings);
      }
    }
    core::Version previous = 0;
    for (const auto& m : m_plan.migrations) {
      if (!rehearse(m, previous)) {
        return std::move(m_findings);
      }
      previous = m.version;
    }
    rehearse_repeatables();
    return std::move(m_findings);
  }

 private:
  // Apply, roll back, compare, apply again; false when the rehearsal cannot go on.
  bool rehearse(const plan::Migration& m, core::Version previous) {
    const auto before = m_db.schema_fingerprint();
    if (!attempt(&m, "apply " + label(m), "make the migration and its checks pass on a database built by the plan",
                 [&] { apply_to(m.version); })) {
      return false;
    }
    if (irreversible(m)) {
      return true;  // declared so, with a reason the loader required
    }
    if (!attempt(&m, "roll back " + label(m), "make the rollback run after the migration: production runs it to undo",
                 [&] { m_runner.rollback(m_plan.name, {previous}); })) {
      return false;
    }
    const auto after = m_db.schema_fingerprint();
    const auto left = missing_from(after, before);
    const auto removed = missing_from(before, after);
    if (!left.empty()) {
      add(rules::rollback_leaves_objects(), m,
          "the rollback of " + label(m) + " leaves behind what it should remove: " + left,
          "make each step's rollback undo everything its sql creates (the objects listed)");
    }
    if (!removed.empty()) {
      add(rules::rollback_removes_objects(), m,
          "the rollback of " + label(m) + " removes what the migration did not create: " + removed,
          "roll back only what the step made; these existed before " + label(m));
    }
    if (!left.empty() || !removed.empty()) {
      return false;  // the next migrations would start from a schema the plan does not make
    }
    return attempt(&m, "apply " + label(m) + " again after its rollback",
                   "make the rollback leave the database as the migration found it", [&] { apply_to(m.version); });
  }

  void apply_to(core::Version version) {
    runner::ApplyOptions options;
    options.to = version;
    m_runner.apply(m_versions, options);
  }

  // On the schema the versions make: run, then run again as apply does whenever a file
  // changes (a CREATE VIEW without OR REPLACE passes once and fails the next deploy).
  void rehearse_repeatables() {
    if (m_plan.repeatables.empty()) {
      return;
    }
    const auto* first = &m_plan.repeatables.front();
    if (!attempt(first, "run the repeatable migrations", "make them run on the schema the versions make",
                 [&] { m_runner.apply(m_plan, {}); })) {
      return;
    }
    auto changed = m_plan;
    for (auto& r : changed.repeatables) {
      r.sha256 += " (rehearsed again)";
    }
    attempt(first, "run the repeatable migrations a second time",
            "make each one re-runnable (CREATE OR REPLACE, or DROP ... IF EXISTS first): apply runs it again "
            "whenever its file changes",
            [&] { m_runner.apply(changed, {}); });
  }

  bool attempt(const plan::Migration* m, const std::string& what, const std::string& fix,
               const std::function<void()>& action) {
    try {
      action();
      return true;
    } catch (const core::Error& e) {
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
      m_findings.push_back({std::string(rule.id()), rule.severity(), loc,
                            "the rehearsal could not " + what + ": " + reason, fix});
      return false;
    }
  }

  void add(const Rule& rule, const plan::Migration& m, std::string message, std::string fix) {
    m_findings.push_back({std::string(rule.id()), rule.severity(), m.loc, std::move(message), std::move(fix)});
  }

  static std::string label(const plan::Migration& m) { return "migration " + core::version_text(m.version); }

  const plan::Plan& m_plan;
  plan::Plan m_versions;
  db::Connection& m_db;
  runner::Runner m_runner;
  Findings m_findings;
};

}  // namespace

Findings rehearse(const plan::Plan& plan, const db::Url& server, runner::Observer& observer) {
  db::ScratchDatabase scratch(server, "rehearse");
  const auto db = db::open(scratch.url());
  return Rehearsal(plan, *db, observer).run();
}

}  // namespace migrator::lint
