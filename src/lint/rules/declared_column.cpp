#include "lint/rules/declared_column.hpp"

#include <algorithm>

#include "lint/rules/helpers.hpp"

namespace migrator::lint::rules {
namespace {

bool is_identity_or_primary(const PgNode& column_def) {
  return !column_constraints(column_def, "CONSTR_PRIMARY").empty() ||
         !column_constraints(column_def, "CONSTR_IDENTITY").empty();
}

// The one column of a table-level PRIMARY KEY (id), "" for none or several.
std::string table_primary_key(const PgNode& create) {
  for (const auto& element : create.list("tableElts")) {
    if (element.is("Constraint") && element.str("contype") == "CONSTR_PRIMARY") {
      const auto keys = element.list("keys");
      return keys.size() == 1 ? keys[0].string_value() : "";
    }
  }
  return "";
}

DeclaredColumn declared(const std::string& table, const std::string& column, const PgNode& type_node, bool key) {
  return {table, column, type_node, column_type(type_node), key};
}

}  // namespace

std::vector<DeclaredColumn> declared_columns(const StatementContext& ctx) {
  std::vector<DeclaredColumn> out;
  const auto node = pg_tree(ctx);
  if (node.is("CreateStmt")) {
    const auto table = relation_name(node["relation"]);
    const auto primary = table_primary_key(node);
    for (const auto& element : node.list("tableElts")) {
      if (element.is("ColumnDef")) {
        const auto name = element.str("colname");
        out.push_back(declared(table, name, element["typeName"], name == primary || is_identity_or_primary(element)));
      }
    }
  } else if (node.is("AlterTableStmt") && node.str("objtype") == "OBJECT_TABLE") {
    const auto table = relation_name(node["relation"]);
    for (const auto& cmd : alter_commands(node)) {
      const auto subtype = cmd.str("subtype");
      if (subtype == "AT_AddColumn") {
        const auto def = cmd["def"];
        out.push_back(declared(table, def.str("colname"), def["typeName"], is_identity_or_primary(def)));
      } else if (subtype == "AT_AlterColumnType") {
        out.push_back(declared(table, cmd.str("name"), cmd["def"]["typeName"], false));
      }
    }
  }
  return out;
}

bool runs_on_sqlite_too(const StatementContext& ctx) {
  const auto& dialects = ctx.field.plan.dialects;
  if (!dialects.empty() && std::find(dialects.begin(), dialects.end(), core::Dialect::sqlite) == dialects.end()) {
    return false;
  }
  const auto* step = ctx.field.step;
  const auto* sql = step != nullptr ? std::get_if<plan::Sql>(&step->action) : nullptr;
  return sql != nullptr && sql->common && &sql->common->text == &ctx.field.source.text &&
         sql->variants.count(core::Dialect::sqlite) == 0;
}

}  // namespace migrator::lint::rules

namespace migrator::lint::rules {

void DeclaredTypeRule::check(const StatementContext& ctx, FindingSink& out) const {
  for (const auto& column : declared_columns(ctx)) {
    if (auto verdict = judge(column, ctx)) {
      report(out, ctx.at_node(column.type_node), std::move(verdict->message), std::move(verdict->fix));
    }
  }
}

}  // namespace migrator::lint::rules
