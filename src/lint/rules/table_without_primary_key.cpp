#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

bool declares_primary_key(const PgNode& create) {
  for (const auto& element : create.list("tableElts")) {
    if (element.is("TableLikeClause")) {
      return true;  // LIKE ... copies what it copies: not judged
    }
    if (element.is("Constraint") && element.str("contype") == "CONSTR_PRIMARY") {
      return true;
    }
    if (element.is("ColumnDef") && !column_constraints(element, "CONSTR_PRIMARY").empty()) {
      return true;
    }
  }
  return false;
}

class TableWithoutPrimaryKey final : public Rule {
 public:
  TableWithoutPrimaryKey()
      : Rule("table-without-primary-key", Severity::warning, "CREATE TABLE with no primary key") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    // A partition takes its parent's key; a temporary table lives one session.
    if (!node.is("CreateStmt") || node["partbound"] || node["relation"].str("relpersistence") == "t" ||
        declares_primary_key(node)) {
      return;
    }
    const auto table = relation_name(node["relation"]);
    report(out, ctx.at_statement(),
           quote_name(table) + " has no primary key: duplicate rows cannot be told apart or removed one by one, "
           "and logical replication cannot send its UPDATEs and DELETEs",
           "a PRIMARY KEY (a bigint identity column when no natural key fits)");
  }
};

}  // namespace

const Rule& table_without_primary_key() {
  static const TableWithoutPrimaryKey rule;
  return rule;
}

}  // namespace migrator::lint::rules
