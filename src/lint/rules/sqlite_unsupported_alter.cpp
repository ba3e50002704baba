#include "lint/rules/rules.hpp"
#include "lint/rules/sqlite_alter.hpp"

namespace migrator::lint::rules {
namespace {

// What SQLite refuses in an ADD COLUMN; "" when it accepts it.
std::string add_column_problem(const SqliteStatement& s, const SqliteAlter& alter) {
  if (adds_constraint(s, alter)) {
    return {};
  }
  if (s.has_word("PRIMARY") || s.has_word("UNIQUE")) {
    return "a column added by ALTER TABLE cannot be PRIMARY KEY or UNIQUE";
  }
  for (std::size_t i = alter.action; i + 1 < s.tokens.size(); ++i) {
    if (s.word(i) == "NOT" && s.word(i + 1) == "NULL" && !s.has_word("DEFAULT")) {
      return "a NOT NULL column cannot be added without a DEFAULT";
    }
  }
  return {};
}

class SqliteUnsupportedAlter final : public Rule {
 public:
  SqliteUnsupportedAlter()
      : Rule("sqlite-unsupported-alter", Severity::error,
             "any other ALTER TABLE SQLite refuses: VALIDATE CONSTRAINT, SET ..., OWNER TO, or an ADD "
             "COLUMN that is NOT NULL without a default, UNIQUE or PRIMARY KEY") {}

  bool applies_to(Field field) const override { return sqlite_rule_applies(field); }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = sqlite_alter(ctx);
    if (!alter) {
      return;
    }
    const auto& s = *ctx.sqlite;
    const auto action = s.word(alter->action);
    std::string problem;
    if (action == "ADD") {
      problem = add_column_problem(s, *alter);
    } else if (action != "RENAME" && action != "DROP" && action != "ALTER") {
      problem = "SQLite's ALTER TABLE knows RENAME, ADD COLUMN and DROP COLUMN only, not " +
                std::string(action.empty() ? s.tokens[alter->action].text : action);
    }
    if (!problem.empty()) {
      report(out, ctx.at_statement(), problem + ": this statement fails on SQLite (" + alter->table + ")",
             "give the field a sqlite: variant that SQLite can run (add the column nullable or with a "
             "DEFAULT, then the built-in set_not_null operation; or rebuild the table)");
    }
  }
};

}  // namespace

const Rule& sqlite_unsupported_alter() {
  static const SqliteUnsupportedAlter rule;
  return rule;
}

}  // namespace migrator::lint::rules
