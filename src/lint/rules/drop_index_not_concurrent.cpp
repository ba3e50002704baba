#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DropIndexNotConcurrent final : public Rule {
 public:
  DropIndexNotConcurrent()
      : Rule("drop-index-not-concurrent", Severity::error,
             "DROP INDEX without CONCURRENTLY on an index this migration did not create") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("DropStmt") || node.str("removeType") != "OBJECT_INDEX" || node.flag("concurrent")) {
      return;
    }
    for (const auto& object : node.list("objects")) {
      const auto index = last_name(object.list("items"));
      if (ctx.schema.new_indexes.count(index) != 0) {
        continue;
      }
      report(out, ctx.at_statement(),
             "DROP INDEX " + quote_name(index) + " locks its table ACCESS EXCLUSIVE: no reads, no writes "
                                             "until it is done",
             "DROP INDEX CONCURRENTLY " + index + ", in a migration of its own with transaction: false");
    }
  }
};

}  // namespace

const Rule& drop_index_not_concurrent() {
  static const DropIndexNotConcurrent rule;
  return rule;
}

}  // namespace migrator::lint::rules
