#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DropCascade final : public Rule {
 public:
  DropCascade() : Rule("drop-cascade", Severity::warning, "DROP ... CASCADE") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("DropStmt") || node.str("behavior") != "DROP_CASCADE") {
      return;
    }
    const auto label = statement_label(node);
    report(out, ctx.at_statement(),
           label + " ... CASCADE also drops whatever depends on it (views, foreign keys, defaults, other "
                   "tables' columns of its type), none of it named here and none of it in the rollback",
           label + " without CASCADE: PostgreSQL then lists the dependents, to drop by name first");
  }
};

}  // namespace

const Rule& drop_cascade() {
  static const DropCascade rule;
  return rule;
}

}  // namespace migrator::lint::rules
