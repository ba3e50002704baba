#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DetachPartitionNotConcurrent final : public Rule {
 public:
  DetachPartitionNotConcurrent()
      : Rule("detach-partition-not-concurrent", Severity::error,
             "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = existing_alter(ctx, "AT_DetachPartition");
    if (!alter) {
      return;
    }
    for (const auto& cmd : alter->commands) {
      if (cmd["def"].flag("concurrent")) {
        continue;
      }
      report(out, ctx.at_statement(),
             "DETACH PARTITION " + quote_name(relation_name(cmd["def"]["name"])) + " locks the partitioned table " +
                 quote_name(alter->table) + " ACCESS EXCLUSIVE: no reads, no writes of any partition",
             "DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), in a migration of its own with "
             "transaction: false");
    }
  }
};

}  // namespace

const Rule& detach_partition_not_concurrent() {
  static const DetachPartitionNotConcurrent rule;
  return rule;
}

}  // namespace migrator::lint::rules
