#include "lint/rules/rules.hpp"
#include "lint/rules/sqlite_alter.hpp"

namespace migrator::lint::rules {
namespace {

class SqliteAlterColumn final : public Rule {
 public:
  SqliteAlterColumn()
      : Rule("sqlite-alter-column", Severity::error,
             "ALTER COLUMN (TYPE, SET/DROP NOT NULL, SET DEFAULT) in SQL that runs on SQLite") {}

  bool applies_to(Field field) const override { return sqlite_rule_applies(field); }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = sqlite_alter(ctx);
    if (!alter || ctx.sqlite->word(alter->action) != "ALTER") {
      return;
    }
    const bool not_null = ctx.sqlite->has_word("NULL");
    report(out, ctx.at_statement(),
           "SQLite has no ALTER COLUMN: this statement fails on SQLite (" + alter->table + ")",
           not_null ? "use the built-in step operation set_not_null: {table: " + alter->table +
                          ", column: ...} (drop_not_null to undo), or give the field a sqlite: variant"
                    : "give the field a sqlite: variant that rebuilds the table (create the new one, "
                      "copy the rows, drop the old, rename)");
  }
};

}  // namespace

const Rule& sqlite_alter_column() {
  static const SqliteAlterColumn rule;
  return rule;
}

}  // namespace migrator::lint::rules
