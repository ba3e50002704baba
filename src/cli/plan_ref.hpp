#pragma once
// Which plan a command is about: its directory when there is one, else a plan name from the
// history, so verify, status and rollback work with no plan files at hand (SPEC).
#include <optional>
#include <string>

#include "cli/context.hpp"
#include "plan/model.hpp"

namespace migrator::cli {

struct PlanRef {
  std::string name;
  std::optional<plan::Plan> files;   // absent when working from the history alone

  const plan::Plan* plan_files() const { return files ? &*files : nullptr; }
  // "" with plan files; otherwise what a report's title adds to say it has none.
  std::string source_note() const {
    return files ? "" : " (from the history alone: no plan files)";
  }
};

PlanRef resolve_plan(Context& ctx, const std::string& argument, db::Connection& db);

}  // namespace migrator::cli
