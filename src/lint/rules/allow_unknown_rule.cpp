#include <vector>

#include "lint/registry.hpp"
#include "lint/rules/rules.hpp"
#include "util/edit_distance.hpp"

namespace migrator::lint::rules {
namespace {

class AllowUnknownRule final : public Rule {
 public:
  AllowUnknownRule()
      : Rule("allow-unknown-rule", Severity::error, "a step's allow: names a rule that does not exist") {}

  void check_migration(const MigrationContext& ctx, FindingSink& out) const override {
    for (const auto& step : ctx.migration.steps) {
      for (const auto& allow : step.allow) {
        if (find_rule(allow.rule) != nullptr) {
          continue;
        }
        std::vector<std::string_view> ids;
        for (const auto* rule : all_rules()) {
          ids.push_back(rule->id());
        }
        const auto nearest = util::nearest(allow.rule, ids, 4);
        report(out, allow.loc, "allow names the unknown rule " + quote_name(allow.rule),
               nearest.empty() ? "use a rule id from docs/check.md (migrator check --rules lists them)"
                               : "did you mean " + quote_name(nearest) + "?");
      }
    }
  }
};

}  // namespace

const Rule& allow_unknown_rule() {
  static const AllowUnknownRule rule;
  return rule;
}

}  // namespace migrator::lint::rules
