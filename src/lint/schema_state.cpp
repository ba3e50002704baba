#include "lint/schema_state.hpp"

#include <algorithm>

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
  added_foreign_keys.clear();
  access_exclusive.reset();
  statements_since_access_exclusive = 0;
  previous_scanning_alter.clear();
}

bool SchemaState::has_index_leading_with(const std::string& table, const std::vector<std::string>& wanted_columns) const {
  for (const auto& [name, index] : indexes) {
    if (index.table != table || index.columns.size() < wanted_columns.size()) {
      continue;
    }
    std::vector<std::string> leading(index.columns.begin(),
                                     index.columns.begin() + static_cast<long>(wanted_columns.size()));
    std::vector<std::string> wanted = wanted_columns;
    std::sort(leading.begin(), leading.end());
    std::sort(wanted.begin(), wanted.end());
    if (leading == wanted) {
      return true;
    }
  }
  return false;
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
  track_locks(node, loc);
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
        for (const auto& constraint : element.list("constraints")) {
          track_keys(table, constraint, element.str("colname"), loc);
        }
      } else if (element.is("Constraint")) {
        track_keys(table, element, "", loc);
      }
    }
  } else if (type == "CreateTableAsStmt") {
    new_tables.insert(relation_name(node["into"]["rel"]));
  } else if (type == "SelectStmt" && node["intoClause"]) {
    new_tables.insert(relation_name(node["intoClause"]["rel"]));
  } else if (type == "IndexStmt") {
    new_indexes.insert(node.str("idxname"));
    KnownIndex index{relation_name(node["relation"]), {}};
    for (const auto& param : node.list("indexParams")) {
      // An expression's column stands for none: it leads no lookup by that column.
      index.columns.push_back(param.str("name").empty() ? "(expression)" : param.str("name"));
    }
    indexes[node.str("idxname").empty() ? "#" + std::to_string(indexes.size()) : node.str("idxname")] = index;
  } else if (type == "AlterTableStmt") {
    track_alter(node, loc);
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
      std::erase_if(indexes, [&](const auto& entry) { return entry.second.table == table; });
    }
  } else if (type == "DropStmt" && node.str("removeType") == "OBJECT_INDEX") {
    for (const auto& object : node.list("objects")) {
      indexes.erase(last_name(object.list("items")));
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
    const auto name = last_name(statement.list("funcname"));
    function_volatility[name] = volatility_in(statement.list("options")).value_or("volatile");
    if (inlined_without_volatile(statement)) {
      inlined_functions.insert(name);
    } else {
      inlined_functions.erase(name);
    }
  } else if (statement.is("AlterFunctionStmt")) {
    const auto name = last_name(statement["func"].list("objname"));
    if (const auto volatility = volatility_in(statement.list("actions")); volatility && function_volatility.count(name)) {
      function_volatility[name] = *volatility;
    }
  } else {
    for (const auto& object : statement.list("objects")) {
      function_volatility.erase(last_name(object.list("objname")));
      inlined_functions.erase(last_name(object.list("objname")));
    }
  }
}

// PostgreSQL inlines a LANGUAGE sql function without arguments, SECURITY DEFINER or SET,
// returning one row, whose body is one SELECT of one expression from no table
// (inline_function in its planner); then what a default calls is that expression.
bool SchemaState::inlined_without_volatile(const PgNode& create_function) const {
  if (!create_function.list("parameters").empty() || create_function["returnType"].flag("setof")) {
    return false;
  }
  std::string language;
  std::string body;
  for (const auto& option : create_function.list("options")) {
    const auto name = option.str("defname");
    if (name == "language") {
      language = option["arg"].string_value();
    } else if (name == "as") {
      const auto items = option["arg"].list("items");
      body = items.size() == 1 ? items[0].string_value() : "";
    } else if (name == "security" || name == "set") {
      return false;
    }
  }
  if (language != "sql" || body.empty()) {
    return false;
  }
  const auto parsed = PgParse::parse(body);
  if (!parsed.errors().empty() || parsed.statements().size() != 1) {
    return false;
  }
  const auto& select = parsed.statements()[0].node;
  if (!select.is("SelectStmt") || select["fromClause"] || select["whereClause"] || select.list("targetList").size() != 1) {
    return false;
  }
  bool volatile_call = false;
  select.visit([&](const PgNode& node) {
    if (node.is("FuncCall")) {
      const auto called = last_name(node.list("funcname"));
      const auto declared = function_volatility.find(called);
      volatile_call = volatile_call || is_volatile_builtin(called) ||
                      (declared != function_volatility.end() && declared->second == "volatile" &&
                       inlined_functions.count(called) == 0);
    }
  });
  return !volatile_call;
}

// The index a PRIMARY KEY or UNIQUE constraint builds, and a foreign key added; `column`: the
// column a column constraint stands on ("" for a table constraint, which lists its own).
void SchemaState::track_keys(const std::string& table, const PgNode& constraint, const std::string& column,
                             const core::SourceLoc& loc) {
  const auto type = constraint.str("contype");
  const auto names = [&](std::string_view key) {
    std::vector<std::string> out;
    for (const auto& name : constraint.list(key)) {
      out.push_back(name.string_value());
    }
    if (out.empty() && !column.empty()) {
      out.push_back(column);
    }
    return out;
  };
  if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE") {
    const auto name = constraint.str("indexname").empty() ? constraint.str("conname") : constraint.str("indexname");
    const auto key = name.empty() ? table + "#" + std::to_string(indexes.size()) : name;
    if (!constraint.str("indexname").empty() && indexes.count(name) != 0) {
      return;  // USING INDEX: the index is known already
    }
    indexes[key] = {table, names("keys")};
  } else if (type == "CONSTR_FOREIGN") {
    added_foreign_keys.push_back(
        {table, names("fk_attrs"), relation_name(constraint["pktable"]), loc, constraint.location()});
  }
}

// The first ACCESS EXCLUSIVE lock this migration takes on an existing table stays held until
// its commit; statement-after-access-exclusive counts what runs while it is (statements
// over at once are not counted). And whether this
// statement is an ALTER TABLE that scans or rewrites an existing table, for
// several-alters-one-table.
void SchemaState::track_locks(const PgNode& statement, const core::SourceLoc& loc) {
  if (access_exclusive) {
    statements_since_access_exclusive += is_instant(statement) ? 0 : 1;
  } else {
    for (const auto& target : access_exclusive_targets(statement)) {
      const bool made_here = target.index ? new_indexes.count(target.name) != 0 : is_new_table(target.name);
      if (!made_here) {
        access_exclusive = HeldLock{target.name, target.index, statement_label(statement), loc};
        break;
      }
    }
  }
  const bool alter = statement.is("AlterTableStmt") && statement.str("objtype") == "OBJECT_TABLE";
  const auto table = alter ? relation_name(statement["relation"]) : std::string();
  previous_scanning_alter = alter && !is_new_table(table) && alter_scans_or_rewrites(statement) ? table : "";
}

void SchemaState::track_alter(const PgNode& statement, const core::SourceLoc& loc) {
  const auto table = relation_name(statement["relation"]);
  auto& cols = columns[table];
  for (const auto& cmd : alter_commands(statement)) {
    const auto subtype = cmd.str("subtype");
    const auto def = cmd["def"];
    if (subtype == "AT_AddColumn") {
      cols[def.str("colname")] = lint::column_type(def["typeName"]);
      for (const auto& constraint : def.list("constraints")) {
        track_keys(table, constraint, def.str("colname"), loc);
      }
    } else if (subtype == "AT_AlterColumnType") {
      cols[cmd.str("name")] = lint::column_type(def["typeName"]);
    } else if (subtype == "AT_DropColumn") {
      cols.erase(cmd.str("name"));
    } else if (subtype == "AT_AddConstraint") {
      track_keys(table, def, "", loc);
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

void SchemaState::track_check(const PgStatement& statement) {
  if (access_exclusive && !is_instant(statement.node)) {
    ++statements_since_access_exclusive;
  }
}

void SchemaState::track(const SqliteStatement& statement, const core::SourceLoc& loc) {
  if (statement.word(0) == "VACUUM") {
    no_transaction_needs.push_back({loc, "VACUUM"});
  }
}

}  // namespace migrator::lint
