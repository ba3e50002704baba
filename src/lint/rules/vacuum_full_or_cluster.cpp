#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class VacuumFullOrCluster final : public Rule {
 public:
  VacuumFullOrCluster()
      : Rule("vacuum-full-or-cluster", Severity::error, "VACUUM FULL or CLUSTER on an existing table") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    const auto label = statement_label(node);
    if (!node.is("VacuumStmt") && !node.is("ClusterStmt")) {
      return;
    }
    for (const auto& target : access_exclusive_targets(node)) {
      if (ctx.schema.is_new_table(target.name)) {
        continue;
      }
      report(out, ctx.at_statement(),
             label + " rewrites " + quote_name(target.name) +
                 " while holding an ACCESS EXCLUSIVE lock: no reads, no writes until the copy is done, and "
                 "room for a second copy on disk",
             "plain VACUUM (it blocks nothing) or pg_repack, run outside the migration");
    }
  }
};

}  // namespace

const Rule& vacuum_full_or_cluster() {
  static const VacuumFullOrCluster rule;
  return rule;
}

}  // namespace migrator::lint::rules
