#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class AddingNotNullColumn final : public Rule {
 public:
  AddingNotNullColumn()
      : Rule("adding-not-null-column", Severity::error,
             "a NOT NULL column added to an existing table without a default") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    for_each_added_column(ctx, [&](const PgNode& column, const std::string& table) {
      const bool not_null = !column_constraints(column, "CONSTR_NOTNULL").empty() ||
                            !column_constraints(column, "CONSTR_PRIMARY").empty();
      const bool filled = !column_constraints(column, "CONSTR_DEFAULT").empty() ||
                          !column_constraints(column, "CONSTR_IDENTITY").empty() ||
                          !column_constraints(column, "CONSTR_GENERATED").empty();
      if (!not_null || filled) {
        return;
      }
      const auto name = column.str("colname");
      report(out, ctx.at_node(column),
             "column " + quote_name(name) + " is added NOT NULL without a default: this fails on " +
                 quote_name(table) + " as soon as it has rows",
             "add " + quote_name(name) + " nullable, backfill it in batches, add CHECK (" + name +
                 " IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL "
                 "and drop the check (or give the column a constant DEFAULT)");
    });
  }
};

}  // namespace

const Rule& adding_not_null_column() {
  static const AddingNotNullColumn rule;
  return rule;
}

}  // namespace migrator::lint::rules
