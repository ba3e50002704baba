#include "lint/rules/rules.hpp"
#include "lint/rules/sqlite_alter.hpp"

namespace migrator::lint::rules {
namespace {

class SqliteAddConstraint final : public Rule {
 public:
  SqliteAddConstraint()
      : Rule("sqlite-add-constraint", Severity::error,
             "ADD CONSTRAINT (CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY) in SQL that runs on SQLite") {}

  bool applies_to(Field field) const override { return sqlite_rule_applies(field); }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = sqlite_alter(ctx);
    if (!alter || !adds_constraint(*ctx.sqlite, *alter)) {
      return;
    }
    report(out, ctx.at_statement(),
           "SQLite cannot add a constraint to an existing table: this statement fails on SQLite (" +
               alter->table + ")",
           "give the field a sqlite: variant: CREATE UNIQUE INDEX for UNIQUE, or rebuild the table "
           "with the constraint (create the new one, copy the rows, drop the old, rename)");
  }
};

}  // namespace

const Rule& sqlite_add_constraint() {
  static const SqliteAddConstraint rule;
  return rule;
}

}  // namespace migrator::lint::rules
