#include "cli/plan_ref.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "history/store.hpp"

namespace migrator::cli {
namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace

PlanRef resolve_plan(Context& ctx, const std::string& argument, db::Connection& db) {
  const auto dir = ctx.plan_dir(argument);
  // An argument that cannot be a path (too long, a loop of links) may still be a plan name.
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) {
    auto plan = ctx.load_plan(dir, db.dialect());
    return {plan.name, std::move(plan)};
  }
  const auto plans = history::Store(db).plans();
  if (!argument.empty()) {
    if (std::find(plans.begin(), plans.end(), argument) != plans.end()) {
      return {argument, std::nullopt};
    }
    throw core::UsageError("no plan directory \"" + argument + "\" and no plan of that name in " +
                               db.describe(),
                           plans.empty() ? "apply a plan first: migrator apply PLAN_DIR"
                                         : "plans in this database: " + join_names(plans));
  }
  if (plans.size() == 1) {
    return {plans.front(), std::nullopt};
  }
  if (plans.empty()) {
    throw core::UsageError("no plan directory \"" + dir.string() + "\" and nothing applied to " +
                               db.describe(),
                           "name a plan directory, e.g. migrator status scenarios/vendor_normalization");
  }
  throw core::UsageError("this database holds several plans: " + join_names(plans),
                         "name one: migrator status PLAN (a directory or a plan name)");
}

}  // namespace migrator::cli
