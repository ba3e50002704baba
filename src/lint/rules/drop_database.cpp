#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DropDatabase final : public Rule {
 public:
  DropDatabase() : Rule("drop-database", Severity::error, "DROP DATABASE in a migration") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("DropdbStmt")) {
      return;
    }
    report(out, ctx.at_statement(),
           "DROP DATABASE " + quote_name(node.str("dbname")) + " destroys a whole database: no rollback brings it "
           "back, and a migration runs on every environment it is pointed at",
           "drop databases by hand, outside the migration history");
  }
};

}  // namespace

const Rule& drop_database() {
  static const DropDatabase rule;
  return rule;
}

}  // namespace migrator::lint::rules
