#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class SetNotNull final : public Rule {
 public:
  SetNotNull()
      : Rule("set-not-null", Severity::error,
             "SET NOT NULL on an existing table without a validated CHECK (column IS NOT NULL)") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = existing_alter(ctx, "AT_SetNotNull");
    if (!alter) {
      return;
    }
    for (const auto& cmd : alter->commands) {
      const auto column = cmd.str("name");
      if (ctx.schema.has_validated_not_null_check(alter->table, column)) {
        continue;
      }
      report(out, ctx.at_statement(),
             "SET NOT NULL on " + quote_name(alter->table + "." + column) +
                 " scans the whole table while holding an ACCESS EXCLUSIVE lock: no reads, no writes",
             "first ADD CONSTRAINT " + column + "_not_null CHECK (" + column +
                 " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT "
                 "NULL (it uses the validated check and skips the scan) and drop the check");
    }
  }
};

}  // namespace

const Rule& set_not_null() {
  static const SetNotNull rule;
  return rule;
}

}  // namespace migrator::lint::rules
