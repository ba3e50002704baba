#pragma once
// Runs every rule over every SQL field of a plan, in the order the migrations run, and
// applies the step's allow: list and the configured severities.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "plan/model.hpp"

namespace migrator::lint {

struct LintOptions {
  // rule id -> level, from migrator.yaml `check: severity:`; an "off" rule reports nothing.
  std::map<std::string, SeverityLevel> severity;
  // check --since: when set, only the migrations with a file here (weakly_canonical paths)
  // are reported on; the others are still read, in order, for the schema they build.
  std::optional<std::set<std::filesystem::path>> only_files;
};

// Every file `m` is read from (weakly_canonical): its own, the SQL files it names, the
// files its steps' SQL and rollbacks come from.
std::set<std::filesystem::path> migration_files(const plan::Migration& m);
// True when one of `m`'s files is in `files`.
bool migration_in(const plan::Migration& m, const std::set<std::filesystem::path>& files);

class Linter {
 public:
  explicit Linter(LintOptions options = {}) : m_options(std::move(options)) {}

  // Findings of `plan`, in file order. `required` are the plans applied before it
  // (plan.yaml `requires:`): their statements teach the linter the schema, unreported.
  Findings lint(const plan::Plan& plan, const std::vector<plan::Plan>& required = {}) const;

 private:
  Findings lint_on_this_stack(const plan::Plan& plan, const std::vector<plan::Plan>& required) const;

  LintOptions m_options;
};

}  // namespace migrator::lint
