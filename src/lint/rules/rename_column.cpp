#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class RenameColumn final : public Rule {
 public:
  RenameColumn()
      : Rule("rename-column", Severity::error,
             "a column of an existing table renamed (running code still uses the old name)") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is("RenameStmt") || node.str("renameType") != "OBJECT_COLUMN" ||
        node.str("relationType") != "OBJECT_TABLE") {
      return;
    }
    const auto table = relation_name(node["relation"]);
    if (ctx.schema.is_new_table(table)) {
      return;
    }
    report(out, ctx.at_statement(),
           "renaming " + quote_name(table + "." + node.str("subname")) + " to " + quote_name(node.str("newname")) +
               " breaks the running code that uses the old name",
           "add the new column, write both, backfill, move readers to the new one, then drop the old "
           "one in a later release");
  }
};

}  // namespace

const Rule& rename_column() {
  static const RenameColumn rule;
  return rule;
}

}  // namespace migrator::lint::rules
