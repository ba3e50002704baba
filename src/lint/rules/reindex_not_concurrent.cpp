#include <algorithm>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class ReindexNotConcurrent final : public Rule {
 public:
  ReindexNotConcurrent()
      : Rule("reindex-not-concurrent", Severity::error, "REINDEX without CONCURRENTLY") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("ReindexStmt")) {
      return;
    }
    const auto params = node.list("params");
    if (std::any_of(params.begin(), params.end(), [](const PgNode& p) { return p.str("defname") == "concurrently"; })) {
      return;
    }
    const auto target = node["relation"] ? quote_name(relation_name(node["relation"])) : quote_name(node.str("name"));
    report(out, ctx.at_statement(),
           "REINDEX of " + target + " blocks writes to the table and every read that would use the index "
           "until the rebuild is done",
           "REINDEX ... CONCURRENTLY, in a migration of its own with transaction: false");
  }
};

}  // namespace

const Rule& reindex_not_concurrent() {
  static const ReindexNotConcurrent rule;
  return rule;
}

}  // namespace migrator::lint::rules
