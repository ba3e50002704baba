#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

// Reported by the linter itself, which alone sees which allows suppressed a finding.
class AllowUnused final : public Rule {
 public:
  AllowUnused()
      : Rule("allow-unused", Severity::warning,
             "a step's allow: for a rule that reports nothing on that step (a stale exception)") {}
};

}  // namespace

const Rule& allow_unused() {
  static const AllowUnused rule;
  return rule;
}

}  // namespace migrator::lint::rules
