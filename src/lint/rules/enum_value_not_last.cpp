#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class EnumValueNotLast final : public Rule {
 public:
  EnumValueNotLast()
      : Rule("enum-value-not-last", Severity::warning, "ALTER TYPE ... ADD VALUE placed BEFORE or AFTER another") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("AlterEnumStmt") || !node.str("oldVal").empty() || node.str("newValNeighbor").empty()) {
      return;
    }
    const auto type = last_name(node.list("typeName"));
    report(out, ctx.at_statement(),
           "the value '" + node.str("newVal") + "' goes " + (node.flag("newValIsAfter") ? "after" : "before") +
               " '" + node.str("newValNeighbor") + "', out of the order " + quote_name(type) +
               "'s values were added in: every ORDER BY and comparison of the type then looks its order up "
               "in the catalog, and ordering by it changes what existing queries return",
           "ADD VALUE at the end; if the order matters, order by a column or lookup table that says it");
  }
};

}  // namespace

const Rule& enum_value_not_last() {
  static const EnumValueNotLast rule;
  return rule;
}

}  // namespace migrator::lint::rules
