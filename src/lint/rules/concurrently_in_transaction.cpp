#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class ConcurrentlyInTransaction final : public Rule {
 public:
  ConcurrentlyInTransaction()
      : Rule("concurrently-in-transaction", Severity::error,
             "CONCURRENTLY (index build, drop, reindex, detach) in a transactional migration") {}

  bool applies_to(Field field) const override { return field == Field::sql || field == Field::rollback; }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto clause = concurrently_clause(pg_tree(ctx));
    if (!clause) {
      return;
    }
    // Each statement of a field runs on its own (db/postgres/pg_statements.hpp), so a
    // transaction: false migration may hold several of them in one field.
    if (ctx.migration().transaction) {
      report(out, ctx.at_statement(),
             *clause + " cannot run inside a transaction block, and " + migration_name(ctx.migration()) +
                 " runs in one",
             "set transaction: false on this migration and keep in it only what needs it");
    }
  }
};

}  // namespace

const Rule& concurrently_in_transaction() {
  static const ConcurrentlyInTransaction rule;
  return rule;
}

}  // namespace migrator::lint::rules
