#include "plan/requirements.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"

namespace migrator::plan {
namespace {

std::filesystem::path identity(const std::filesystem::path& dir) {
  std::error_code ec;
  const auto resolved = std::filesystem::weakly_canonical(dir, ec);
  return ec ? dir.lexically_normal() : resolved;
}

struct Walk {
  const LoadOptions& options;
  std::vector<std::filesystem::path> stack;  // the plans being visited, outermost first
  std::vector<std::string> stack_names;
  std::set<std::filesystem::path> done;
  std::vector<Plan> out;

  void visit(const Plan& plan) {
    for (const auto& dir : plan.requires_plans) {
      const auto key = identity(dir);
      if (const auto open = std::find(stack.begin(), stack.end(), key); open != stack.end()) {
        std::string cycle;
        for (auto it = stack_names.begin() + (open - stack.begin()); it != stack_names.end(); ++it) {
          cycle += *it + " -> ";
        }
        throw core::PlanError({{{plan.dir / "plan.yaml", 0, 0}, "requires",
                                "the plans require each other in a cycle: " + cycle +
                                    stack_names[static_cast<std::size_t>(open - stack.begin())],
                                "a plan can only build on plans that do not need it: remove one requires: entry"}});
      }
      if (done.contains(key)) {
        continue;
      }
      auto loaded = load(dir, options);
      stack.push_back(key);
      stack_names.push_back(loaded.name);
      visit(loaded);
      stack.pop_back();
      stack_names.pop_back();
      done.insert(key);
      out.push_back(std::move(loaded));
    }
  }
};

}  // namespace

std::vector<Plan> required_plans(const Plan& plan, const LoadOptions& options) {
  Walk walk{options, {identity(plan.dir)}, {plan.name}, {}, {}};
  walk.visit(plan);
  return std::move(walk.out);
}

std::vector<std::string> direct_requirements(const Plan& plan, const std::vector<Plan>& loaded) {
  std::vector<std::string> names;
  for (const auto& dir : plan.requires_plans) {
    const auto key = identity(dir);
    for (const auto& other : loaded) {
      if (identity(other.dir) == key) {
        names.push_back(other.name);
      }
    }
  }
  return names;
}

}  // namespace migrator::plan
