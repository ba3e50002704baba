#pragma once
// Every lint rule, in the order docs/check.md lists them.
#include <span>
#include <string_view>

#include "lint/rule.hpp"

namespace migrator::lint {

std::span<const Rule* const> all_rules();
// nullptr for an unknown id.
const Rule* find_rule(std::string_view id);

}  // namespace migrator::lint
