#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class SeveralAltersOneTable final : public Rule {
 public:
  SeveralAltersOneTable()
      : Rule("several-alters-one-table", Severity::warning,
             "two ALTER TABLEs in a row on the same existing table, each scanning or rewriting it") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto table = existing_altered_table(ctx);
    if (!table || ctx.schema.previous_scanning_alter != *table || !alter_scans_or_rewrites(pg_tree(ctx))) {
      return;
    }
    report(out, ctx.at_statement(),
           "a second ALTER TABLE " + quote_name(*table) + " right after the first, each reading every row or "
           "rewriting the table: two passes over it under its lock",
           "one ALTER TABLE " + *table + " with the actions separated by commas: one lock, at most one pass");
  }
};

}  // namespace

const Rule& several_alters_one_table() {
  static const SeveralAltersOneTable rule;
  return rule;
}

}  // namespace migrator::lint::rules
