#pragma once
// Small questions many PostgreSQL rules ask of a statement.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.hpp"

namespace migrator::lint::rules {

// The statement's tree, or a null node for a SQLite statement.
inline PgNode pg_tree(const StatementContext& ctx) { return ctx.pg != nullptr ? ctx.pg->node : PgNode(); }

// The table an ALTER TABLE changes, when it existed before this migration; nullopt for any
// other statement and for a table this migration created (nobody else uses it yet).
inline std::optional<std::string> existing_altered_table(const StatementContext& ctx) {
  const auto node = pg_tree(ctx);
  if (!node.is("AlterTableStmt") || node.str("objtype") != "OBJECT_TABLE") {
    return std::nullopt;
  }
  auto table = relation_name(node["relation"]);
  if (ctx.schema.is_new_table(table)) {
    return std::nullopt;
  }
  return table;
}

// The ALTER TABLE subcommands of kind `subtype` ("AT_AddColumn"...) of a statement that
// changes a table existing before this migration; nullopt for anything else.
struct ExistingAlter {
  std::string table;
  std::vector<PgNode> commands;
};
inline std::optional<ExistingAlter> existing_alter(const StatementContext& ctx, std::string_view subtype) {
  auto table = existing_altered_table(ctx);
  if (!table) {
    return std::nullopt;
  }
  ExistingAlter out{std::move(*table), {}};
  for (const auto& cmd : alter_commands(pg_tree(ctx))) {
    if (cmd.str("subtype") == subtype) {
      out.commands.push_back(cmd);
    }
  }
  return out;
}

// Calls `fn(column_def, table)` for each column an ALTER TABLE ... ADD COLUMN adds to a table
// that existed before this migration (the rules about adding columns start here).
template <class Fn>
void for_each_added_column(const StatementContext& ctx, Fn&& fn) {
  const auto alter = existing_alter(ctx, "AT_AddColumn");
  if (!alter) {
    return;
  }
  for (const auto& cmd : alter->commands) {
    fn(cmd["def"], alter->table);
  }
}

// "migration 3"
inline std::string migration_name(const plan::Migration& m) { return "migration " + std::to_string(m.version); }

}  // namespace migrator::lint::rules
