#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class RefreshNotConcurrent final : public Rule {
 public:
  RefreshNotConcurrent()
      : Rule("refresh-not-concurrent", Severity::warning,
             "REFRESH MATERIALIZED VIEW without CONCURRENTLY on an existing view") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("RefreshMatViewStmt") || node.flag("concurrent") || node.flag("skipData")) {
      return;
    }
    const auto view = relation_name(node["relation"]);
    if (ctx.schema.is_new_table(view)) {
      return;
    }
    report(out, ctx.at_statement(),
           "REFRESH MATERIALIZED VIEW " + quote_name(view) + " locks it ACCESS EXCLUSIVE while the query runs: "
           "every read of the view waits",
           "REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view)");
  }
};

}  // namespace

const Rule& refresh_not_concurrent() {
  static const RefreshNotConcurrent rule;
  return rule;
}

}  // namespace migrator::lint::rules
