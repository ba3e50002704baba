#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class ExclusionConstraint final : public Rule {
 public:
  ExclusionConstraint()
      : Rule("exclusion-constraint", Severity::error, "ADD CONSTRAINT ... EXCLUDE on an existing table") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = existing_alter(ctx, "AT_AddConstraint");
    if (!alter) {
      return;
    }
    for (const auto& cmd : alter->commands) {
      if (cmd["def"].str("contype") != "CONSTR_EXCLUSION") {
        continue;
      }
      report(out, ctx.at_node(cmd["def"]),
             "EXCLUDE builds its index on " + quote_name(alter->table) +
                 " while holding an ACCESS EXCLUSIVE lock, and unlike UNIQUE it cannot use an index "
                 "built CONCURRENTLY beforehand",
             "add it while " + alter->table + " is small or new, or in a maintenance window with "
             "lock_timeout set");
    }
  }
};

}  // namespace

const Rule& exclusion_constraint() {
  static const ExclusionConstraint rule;
  return rule;
}

}  // namespace migrator::lint::rules
