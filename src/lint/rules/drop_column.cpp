#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class DropColumn final : public Rule {
 public:
  DropColumn()
      : Rule("drop-column", Severity::error,
             "a column dropped from an existing table (running code may still use it)") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = existing_alter(ctx, "AT_DropColumn");
    if (!alter) {
      return;
    }
    for (const auto& cmd : alter->commands) {
      report(out, ctx.at_statement(),
             "dropping " + quote_name(alter->table + "." + cmd.str("name")) +
                 " breaks the running code that still reads or writes it",
             "deploy code that no longer uses the column first; then drop it, and say so on the "
             "step with allow: [{rule: drop-column, reason: ...}]");
    }
  }
};

}  // namespace

const Rule& drop_column() {
  static const DropColumn rule;
  return rule;
}

}  // namespace migrator::lint::rules
