#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class TruncateCascade final : public Rule {
 public:
  TruncateCascade() : Rule("truncate-cascade", Severity::error, "TRUNCATE ... CASCADE") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("TruncateStmt") || node.str("behavior") != "DROP_CASCADE") {
      return;
    }
    report(out, ctx.at_statement(),
           "TRUNCATE ... CASCADE also empties every table whose foreign keys point at these, and theirs in "
           "turn: tables this SQL does not name",
           "TRUNCATE the tables by name (it fails if one is still referenced), or DELETE in batches");
  }
};

}  // namespace

const Rule& truncate_cascade() {
  static const TruncateCascade rule;
  return rule;
}

}  // namespace migrator::lint::rules
