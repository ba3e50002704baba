#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DropTable final : public Rule {
 public:
  DropTable()
      : Rule("drop-table", Severity::error,
             "a table dropped that this migration did not create (running code may still use it)") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("DropStmt") || node.str("removeType") != "OBJECT_TABLE") {
      return;
    }
    for (const auto& object : node.list("objects")) {
      const auto table = last_name(object.list("items"));
      if (!ctx.schema.is_new_table(table)) {
        report(out, ctx.at_statement(),
               "dropping " + quote_name(table) + " breaks the running code that still uses it, and its "
                                             "rows cannot be brought back by a rollback",
               "deploy code that no longer uses the table first (or rename it aside for a release); "
               "then drop it, and say so on the step with allow: [{rule: drop-table, reason: ...}]");
      }
    }
  }
};

}  // namespace

const Rule& drop_table() {
  static const DropTable rule;
  return rule;
}

}  // namespace migrator::lint::rules
