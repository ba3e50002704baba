#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class RenameTable final : public Rule {
 public:
  RenameTable()
      : Rule("rename-table", Severity::error,
             "an existing table renamed (running code still uses the old name)") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("RenameStmt") || node.str("renameType") != "OBJECT_TABLE") {
      return;
    }
    const auto table = relation_name(node["relation"]);
    if (ctx.schema.is_new_table(table)) {
      return;
    }
    report(out, ctx.at_statement(),
           "renaming " + quote_name(table) + " to " + quote_name(node.str("newname")) +
               " breaks the running code that uses the old name",
           "rename it and CREATE VIEW " + table + " AS SELECT * FROM " + node.str("newname") +
               " in the same migration, so old code keeps working; drop the view in a later release");
  }
};

}  // namespace

const Rule& rename_table() {
  static const RenameTable rule;
  return rule;
}

}  // namespace migrator::lint::rules
