#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DomainConstraint final : public Rule {
 public:
  DomainConstraint()
      : Rule("domain-constraint", Severity::warning, "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("AlterDomainStmt") || node.str("subtype") != "C" || node["def"].flag("skip_validation")) {
      return;
    }
    const auto domain = last_name(node.list("typeName"));
    report(out, ctx.at_node(node["def"]),
           "the new constraint of the domain " + quote_name(domain) + " is checked against every column of that "
           "type in every table, each table locked against writes while it is scanned",
           "ADD CONSTRAINT ... NOT VALID, then ALTER DOMAIN " + domain + " VALIDATE CONSTRAINT in a later "
           "migration");
  }
};

}  // namespace

const Rule& domain_constraint() {
  static const DomainConstraint rule;
  return rule;
}

}  // namespace migrator::lint::rules
