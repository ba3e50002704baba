#include <algorithm>
#include <array>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

constexpr std::array k_serial_types{std::string_view("serial"), std::string_view("bigserial"),
                                    std::string_view("smallserial"), std::string_view("serial4"),
                                    std::string_view("serial8"), std::string_view("serial2")};

// What fills the new column row by row: "random()", "a serial sequence", ...; nullopt if nothing.
// A function the plan created counts as PostgreSQL declares it (VOLATILE unless it says).
std::optional<std::string> row_by_row_filler(const PgNode& column, const SchemaState& schema) {
  const auto type = column_type(column["typeName"]).name;
  if (std::find(k_serial_types.begin(), k_serial_types.end(), type) != k_serial_types.end()) {
    return "type " + type + " (nextval() for every row)";
  }
  if (!column_constraints(column, "CONSTR_IDENTITY").empty()) {
    return std::string("GENERATED AS IDENTITY");
  }
  if (!column_constraints(column, "CONSTR_GENERATED").empty()) {
    return std::string("GENERATED ... STORED");
  }
  std::optional<std::string> found;
  for (const auto& def : column_constraints(column, "CONSTR_DEFAULT")) {
    def["raw_expr"].visit([&](const PgNode& node) {
      const auto name = node.is("FuncCall") ? last_name(node.list("funcname")) : std::string();
      if (found || name.empty()) {
        return;
      }
      if (is_volatile_builtin(name)) {
        found = "the volatile default " + name + "()";
      } else if (const auto it = schema.function_volatility.find(name);
                 it != schema.function_volatility.end() && it->second == "volatile" &&
                 schema.inlined_functions.count(name) == 0) {
        found = "the default " + name + "(), a function of this plan declared neither IMMUTABLE nor STABLE";
      }
    });
  }
  return found;
}

class VolatileDefaultRewrite final : public Rule {
 public:
  VolatileDefaultRewrite()
      : Rule("volatile-default-rewrite", Severity::error,
             "a column added to an existing table with a volatile default, serial, identity or "
             "stored generated value (a table rewrite)") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    for_each_added_column(ctx, [&](const PgNode& column, const std::string& table) {
      if (const auto filler = row_by_row_filler(column, ctx.schema)) {
        const auto name = column.str("colname");
        report(out, ctx.at_node(column),
               "adding " + quote_name(name) + " with " + *filler + " rewrites all of " + quote_name(table) +
                   " under an ACCESS EXCLUSIVE lock",
               "add " + quote_name(name) +
                   " without a default (or with a constant one), backfill it in batches, then SET "
                   "DEFAULT for new rows");
      }
    });
  }
};

}  // namespace

const Rule& volatile_default_rewrite() {
  static const VolatileDefaultRewrite rule;
  return rule;
}

}  // namespace migrator::lint::rules
