#pragma once
// A plan's `requires:`, followed all the way: a plan requiring tax_amount gets
// construction_receipts too, because tax_amount requires it.
#include <filesystem>
#include <string>
#include <vector>

#include "plan/loader.hpp"
#include "plan/model.hpp"

namespace migrator::plan {

// The plans `plan` requires, directly or through others, each loaded once, in an order to
// apply them: every plan after the plans it requires. Throws core::PlanError at the
// plan.yaml whose requires: closes a cycle, naming the whole cycle.
std::vector<Plan> required_plans(const Plan& plan, const LoadOptions& options = {});

// The names of the plans `plan` requires directly, looked up among `loaded` (what
// required_plans returned).
std::vector<std::string> direct_requirements(const Plan& plan, const std::vector<Plan>& loaded);

}  // namespace migrator::plan
