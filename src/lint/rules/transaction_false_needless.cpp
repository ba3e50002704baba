#include "lint/location.hpp"
#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class TransactionFalseNeedless final : public Rule {
 public:
  TransactionFalseNeedless()
      : Rule("transaction-false-needless", Severity::warning,
             "a transaction: false migration none of whose statements needs it") {}

  void check_migration(const MigrationContext& ctx, FindingSink& out) const override {
    if (ctx.migration.transaction || !ctx.schema.no_transaction_needs.empty()) {
      return;
    }
    report(out, top_level_key_loc(ctx.migration.file, "transaction"),
           migration_name(ctx.migration) +
               " runs without a transaction, but none of its statements needs that: a failure "
               "halfway leaves it half applied",
           "remove transaction: false; keep it for CREATE INDEX CONCURRENTLY and the like, or for "
           "batches that commit one by one");
  }
};

}  // namespace

const Rule& transaction_false_needless() {
  static const TransactionFalseNeedless rule;
  return rule;
}

}  // namespace migrator::lint::rules
