#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

// What a statement locks that existed before this migration; nullopt when nothing did.
std::optional<LockTarget> first_existing(const std::vector<LockTarget>& targets, const SchemaState& schema) {
  for (const auto& t : targets) {
    if (t.index ? schema.new_indexes.count(t.name) == 0 : !schema.is_new_table(t.name)) {
      return t;
    }
  }
  return std::nullopt;
}

class MissingLockTimeout final : public Rule {
 public:
  MissingLockTimeout()
      : Rule("missing-lock-timeout", Severity::error,
             "a statement taking an ACCESS EXCLUSIVE lock on an existing table with no lock_timeout "
             "set") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node || ctx.schema.lock_timeout_set || ctx.migration().timeouts.lock_timeout ||
        ctx.field.plan.timeouts.lock_timeout) {
      return;
    }
    const auto target = first_existing(access_exclusive_targets(node), ctx.schema);
    if (!target) {
      return;
    }
    const auto table = target->index ? "the table of index " + quote_name(target->name) : quote_name(target->name);
    report(out, ctx.at_statement(),
           statement_label(node) + " takes an ACCESS EXCLUSIVE lock on " + table +
               " with no lock_timeout: while it waits for a long query to end, every other query on "
               "the table queues behind it",
           "set lock_timeout: 5s on the migration (or for the whole plan in plan.yaml), or SET "
           "lock_timeout = '5s' before this statement; retry the migration when it times out");
  }
};

}  // namespace

const Rule& missing_lock_timeout() {
  static const MissingLockTimeout rule;
  return rule;
}

}  // namespace migrator::lint::rules
