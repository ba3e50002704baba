#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class ConcurrentlyInTransaction final : public Rule {
 public:
  ConcurrentlyInTransaction()
      : Rule("concurrently-in-transaction", Severity::error,
             "CONCURRENTLY in a transaction block: in a transactional migration, or beside other "
             "statements in one SQL field") {}

  bool applies_to(Field field) const override { return field == Field::sql || field == Field::rollback; }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto clause = concurrently_clause(pg_tree(ctx));
    if (!clause) {
      return;
    }
    if (ctx.migration().transaction) {
      report(out, ctx.at_statement(),
             *clause + " cannot run inside a transaction block, and " + migration_name(ctx.migration()) +
                 " runs in one",
             "set transaction: false on this migration and keep in it only what needs it");
    } else if (ctx.field.statement_count() > 1) {
      report(out, ctx.at_statement(),
             *clause + " shares its SQL field with other statements: PostgreSQL runs them as one "
                       "transaction block and refuses it",
             "give " + *clause + " a step of its own");
    }
  }
};

}  // namespace

const Rule& concurrently_in_transaction() {
  static const ConcurrentlyInTransaction rule;
  return rule;
}

}  // namespace migrator::lint::rules
