#include "lint/rules/rules.hpp"
#include "lint/rules/sqlite_alter.hpp"

namespace migrator::lint::rules {
namespace {

class SqliteDropConstraint final : public Rule {
 public:
  SqliteDropConstraint()
      : Rule("sqlite-drop-constraint", Severity::error, "DROP CONSTRAINT in SQL that runs on SQLite") {}

  bool applies_to(Field field) const override { return sqlite_rule_applies(field); }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = sqlite_alter(ctx);
    if (!alter || ctx.sqlite->word(alter->action) != "DROP" || ctx.sqlite->word(alter->action + 1) != "CONSTRAINT") {
      return;
    }
    report(out, ctx.at_statement(),
           "SQLite cannot drop a constraint: this statement fails on SQLite (" + alter->table + ")",
           "give the field a sqlite: variant that rebuilds the table without the constraint (create "
           "the new one, copy the rows, drop the old, rename)");
  }
};

}  // namespace

const Rule& sqlite_drop_constraint() {
  static const SqliteDropConstraint rule;
  return rule;
}

}  // namespace migrator::lint::rules
