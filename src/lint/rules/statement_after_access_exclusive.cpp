#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class StatementAfterAccessExclusive final : public Rule {
 public:
  StatementAfterAccessExclusive()
      : Rule("statement-after-access-exclusive", Severity::warning,
             "a statement that takes time, run in the transaction after one took an ACCESS EXCLUSIVE lock on "
             "an existing table") {}

  // A step's verify checks run right after it and the preserve checks after the last step,
  // in the migration's transaction: under any lock a step took.
  bool applies_to(Field field) const override {
    return field == Field::sql || field == Field::verify || field == Field::preserve;
  }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto& held = ctx.schema.access_exclusive;
    // Only the first statement after: one finding says it for the migration.
    if (!ctx.migration().transaction || !held || ctx.schema.statements_since_access_exclusive != 0 || !ctx.pg ||
        is_instant(ctx.pg->node)) {
      return;
    }
    const auto locked =
        held->index ? "the table of the index " + quote_name(held->name) : quote_name(held->name);
    const auto* check = ctx.field.check;
    const auto what = check == nullptr ? std::string("this statement and every one after it run")
                      : ctx.field.field == Field::preserve
                          ? "the preserve check " + quote_name(check->name) + " reads the data again after the steps"
                          : "the verify check " + quote_name(check->name) + " runs";
    report(out, ctx.at_statement(),
           held->statement + " at line " + std::to_string(held->loc.line) + " locked " + locked +
               " ACCESS EXCLUSIVE, and the lock is held until the commit: while " + what +
               ", nobody reads or writes it",
           check == nullptr ? "take the ACCESS EXCLUSIVE lock last in its migration, or move what follows into a "
                              "migration of its own"
                            : "put the step that takes the lock in a migration of its own, whose checks read only "
                              "the catalog, and check the data in the migration before it");
  }
};

}  // namespace

const Rule& statement_after_access_exclusive() {
  static const StatementAfterAccessExclusive rule;
  return rule;
}

}  // namespace migrator::lint::rules
