#include "lint/rules/declared_column.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class PreferBigintKey final : public DeclaredTypeRule {
 public:
  PreferBigintKey()
      : DeclaredTypeRule("prefer-bigint-key", Severity::warning,
                         "a primary key or identity column of type integer or smallint (or serial)") {}

 protected:
  std::optional<Verdict> judge(const DeclaredColumn& c, const StatementContext& ctx) const override {
    const auto& t = c.type.name;
    const bool small = t == "int2" || t == "smallserial" || t == "serial2";
    if (!c.key || (!small && t != "int4" && t != "serial" && t != "serial4")) {
      return std::nullopt;
    }
    // INTEGER PRIMARY KEY in SQL that runs on SQLite too is SQLite's 64-bit rowid; a
    // postgres: variant is where PostgreSQL's type is chosen.
    if (t == "int4" && runs_on_sqlite_too(ctx)) {
      return std::nullopt;
    }
    return Verdict{"the key " + quote_name(c.column) + " of " + quote_name(c.table) + " is " +
                       (small ? "a smallint: it runs out at 32,767" : "an integer: it runs out at 2,147,483,647") +
                       ", and widening it later rewrites the table and every table whose foreign keys "
                       "point at it",
                   "bigint (bigint GENERATED ALWAYS AS IDENTITY for a generated key)"};
  }
};

}  // namespace

const Rule& prefer_bigint_key() {
  static const PreferBigintKey rule;
  return rule;
}

}  // namespace migrator::lint::rules
