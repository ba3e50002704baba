#include "lint/schema_state.hpp"

#include "lint/pg_parse.hpp"
#include "lint/sqlite_scan.hpp"

namespace migrator::lint {

void SchemaState::begin_migration() {
  new_tables.clear();
  new_indexes.clear();
  not_valid_constraints.clear();
  lock_timeout_set = false;
  no_transaction_needs.clear();
  row_changes.clear();
}

bool SchemaState::has_validated_not_null_check(const std::string& table, const std::string& column) const {
  for (const auto& [name, check] : not_null_checks) {
    if (check.table == table && check.column == column && check.validated) {
      return true;
    }
  }
  return false;
}

std::optional<ColumnType> SchemaState::column_type(const std::string& table, const std::string& column) const {
  const auto t = columns.find(table);
  if (t == columns.end()) {
    return std::nullopt;
  }
  const auto c = t->second.find(column);
  return c == t->second.end() ? std::nullopt : std::optional<ColumnType>(c->second);
}

void SchemaState::track(const PgStatement& statement, const core::SourceLoc& loc) {
  const auto& node = statement.node;
  const auto type = node.type();
  if (auto need = needs_no_transaction(node)) {
    no_transaction_needs.push_back({loc, *need});
  }
  if (const auto value = lock_timeout_setting(node)) {
    lock_timeout_set = !(*value == "0" || *value == "DEFAULT");
  }
  if (type == "CreateStmt") {
    const auto table = relation_name(node["relation"]);
    new_tables.insert(table);
    auto& cols = columns[table];
    cols.clear();
    for (const auto& element : node.list("tableElts")) {
      if (element.is("ColumnDef")) {
        cols[element.str("colname")] = lint::column_type(element["typeName"]);
      }
    }
  } else if (type == "CreateTableAsStmt") {
    new_tables.insert(relation_name(node["into"]["rel"]));
  } else if (type == "SelectStmt" && node["intoClause"]) {
    new_tables.insert(relation_name(node["intoClause"]["rel"]));
  } else if (type == "IndexStmt") {
    new_indexes.insert(node.str("idxname"));
  } else if (type == "AlterTableStmt") {
    track_alter(node);
  } else if (type == "RenameStmt" && node.str("renameType") == "OBJECT_TABLE") {
    const auto from = relation_name(node["relation"]);
    const auto to = node.str("newname");
    if (new_tables.erase(from) != 0) {
      new_tables.insert(to);
    }
    if (auto it = columns.find(from); it != columns.end()) {
      columns[to] = std::move(it->second);
      columns.erase(from);
    }
  } else if (type == "RenameStmt" && node.str("renameType") == "OBJECT_COLUMN") {
    auto& cols = columns[relation_name(node["relation"])];
    if (auto it = cols.find(node.str("subname")); it != cols.end()) {
      cols[node.str("newname")] = it->second;
      cols.erase(it);
    }
  } else if (type == "DropStmt" && node.str("removeType") == "OBJECT_TABLE") {
    for (const auto& object : node.list("objects")) {
      const auto table = last_name(object.list("items"));
      new_tables.erase(table);
      columns.erase(table);
    }
  } else if (type == "CreateFunctionStmt" || type == "AlterFunctionStmt" ||
             (type == "DropStmt" && node.str("removeType") == "OBJECT_FUNCTION")) {
    track_function(node);
  } else if (type == "UpdateStmt" || type == "DeleteStmt") {
    const auto table = relation_name(node["relation"]);
    if (++row_changes[table] == 2) {
      no_transaction_needs.push_back({loc, "batched updates of \"" + table + "\", committed one by one"});
    }
  }
}

void SchemaState::track_function(const PgNode& statement) {
  const auto volatility_in = [](const std::vector<PgNode>& options) -> std::optional<std::string> {
    for (const auto& option : options) {
      if (option.is("DefElem") && option.str("defname") == "volatility") {
        return option["arg"].string_value();
      }
    }
    return std::nullopt;
  };
  if (statement.is("CreateFunctionStmt")) {
    function_volatility[last_name(statement.list("funcname"))] =
        volatility_in(statement.list("options")).value_or("volatile");
  } else if (statement.is("AlterFunctionStmt")) {
    const auto name = last_name(statement["func"].list("objname"));
    if (const auto volatility = volatility_in(statement.list("actions")); volatility && function_volatility.count(name)) {
      function_volatility[name] = *volatility;
    }
  } else {
    for (const auto& object : statement.list("objects")) {
      function_volatility.erase(last_name(object.list("objname")));
    }
  }
}

void SchemaState::track_alter(const PgNode& statement) {
  const auto table = relation_name(statement["relation"]);
  auto& cols = columns[table];
  for (const auto& cmd : alter_commands(statement)) {
    const auto subtype = cmd.str("subtype");
    const auto def = cmd["def"];
    if (subtype == "AT_AddColumn") {
      cols[def.str("colname")] = lint::column_type(def["typeName"]);
    } else if (subtype == "AT_AlterColumnType") {
      cols[cmd.str("name")] = lint::column_type(def["typeName"]);
    } else if (subtype == "AT_DropColumn") {
      cols.erase(cmd.str("name"));
    } else if (subtype == "AT_AddConstraint") {
      const auto name = def.str("conname");
      if (def.flag("skip_validation")) {
        not_valid_constraints.insert(name);
      }
      if (const auto column = not_null_check_column(def); column && !name.empty()) {
        not_null_checks[name] = {table, *column, !def.flag("skip_validation")};
      }
    } else if (subtype == "AT_ValidateConstraint") {
      if (auto it = not_null_checks.find(cmd.str("name")); it != not_null_checks.end()) {
        it->second.validated = true;
      }
    } else if (subtype == "AT_DropConstraint") {
      not_null_checks.erase(cmd.str("name"));
    }
  }
}

void SchemaState::track(const SqliteStatement& statement, const core::SourceLoc& loc) {
  if (statement.word(0) == "VACUUM") {
    no_transaction_needs.push_back({loc, "VACUUM"});
  }
}

}  // namespace migrator::lint
