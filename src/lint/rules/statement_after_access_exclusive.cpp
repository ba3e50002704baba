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

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto& held = ctx.schema.access_exclusive;
    // Only the first statement after: one finding says it for the migration.
    if (!ctx.migration().transaction || !held || ctx.schema.statements_since_access_exclusive != 0 || !ctx.pg ||
        is_instant(ctx.pg->node)) {
      return;
    }
    report(out, ctx.at_statement(),
           held->statement + " at line " + std::to_string(held->loc.line) + " locked " +
               (held->index ? "the table of the index " + quote_name(held->name) : quote_name(held->name)) +
               " ACCESS EXCLUSIVE, and the lock is held until the commit: while this statement and every "
               "one after it run, nobody reads or writes it",
           "take the ACCESS EXCLUSIVE lock last in its migration, or move what follows into a migration of "
           "its own");
  }
};

}  // namespace

const Rule& statement_after_access_exclusive() {
  static const StatementAfterAccessExclusive rule;
  return rule;
}

}  // namespace migrator::lint::rules
