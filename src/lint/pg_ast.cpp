#include "lint/pg_ast.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace migrator::lint {
namespace {

bool has_concurrently_param(const PgNode& statement) {
  const auto params = statement.list("params");
  return std::any_of(params.begin(), params.end(),
                     [](const PgNode& p) { return p.str("defname") == "concurrently"; });
}

// A DO block's body, "" for any other statement.
std::string do_body(const PgNode& statement) {
  for (const auto& arg : statement.list("args")) {
    if (arg.str("defname") == "as") {
      return arg["arg"].string_value();
    }
  }
  return {};
}

// True when `text` holds `word` as a whole word, case-insensitively.
bool contains_word(const std::string& text, std::string_view word) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  const auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (auto at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word_char(lower[at - 1]);
    const bool ends = at + word.size() >= lower.size() || !is_word_char(lower[at + word.size()]);
    if (starts && ends) {
      return true;
    }
  }
  return false;
}

// ALTER TABLE subcommands that take a weaker lock than ACCESS EXCLUSIVE.
constexpr std::array k_weaker_alter_commands{
    std::string_view("AT_ValidateConstraint"),  // SHARE UPDATE EXCLUSIVE
    std::string_view("AT_SetStatistics"),       // SHARE UPDATE EXCLUSIVE
    std::string_view("AT_SetOptions"),
    std::string_view("AT_ResetOptions"),
    std::string_view("AT_ClusterOn"),
    std::string_view("AT_DropCluster"),
    std::string_view("AT_DetachPartitionFinalize"),
};

// LockStmt.mode for ACCESS EXCLUSIVE, the default of LOCK TABLE.
constexpr std::int64_t k_access_exclusive_lock_mode = 8;

bool alter_takes_access_exclusive(const PgNode& statement) {
  const auto cmds = alter_commands(statement);
  return std::any_of(cmds.begin(), cmds.end(), [](const PgNode& cmd) {
    const auto subtype = cmd.str("subtype");
    if (subtype == "AT_AddConstraint" && cmd["def"].str("contype") == "CONSTR_FOREIGN") {
      return false;  // SHARE ROW EXCLUSIVE on both tables
    }
    if (subtype == "AT_DetachPartition" && cmd["def"].flag("concurrent")) {
      return false;
    }
    return std::find(k_weaker_alter_commands.begin(), k_weaker_alter_commands.end(), subtype) ==
           k_weaker_alter_commands.end();
  });
}

std::vector<LockTarget> targets_of(const std::vector<std::string>& names, bool index) {
  std::vector<LockTarget> out;
  for (const auto& name : names) {
    out.push_back({name, index});
  }
  return out;
}

std::vector<std::string> names_of_objects(const PgNode& drop) {
  std::vector<std::string> out;
  for (const auto& object : drop.list("objects")) {
    out.push_back(last_name(object.list("items")));
  }
  return out;
}

std::vector<std::string> relation_names(const std::vector<PgNode>& range_vars) {
  std::vector<std::string> out;
  for (const auto& r : range_vars) {
    out.push_back(relation_name(r));
  }
  return out;
}

}  // namespace

std::string relation_name(const PgNode& range_var) { return range_var.str("relname"); }

std::vector<PgNode> alter_commands(const PgNode& statement) {
  return statement.is("AlterTableStmt") && statement.str("objtype") == "OBJECT_TABLE"
             ? statement.list("cmds")
             : std::vector<PgNode>();
}

std::string ColumnType::str() const {
  std::string out = name;
  if (!mods.empty()) {
    out += "(";
    for (std::size_t i = 0; i < mods.size(); ++i) {
      out += (i == 0 ? "" : ",") + std::to_string(mods[i]);
    }
    out += ")";
  }
  return out + (array ? "[]" : "");
}

ColumnType column_type(const PgNode& type_name) {
  ColumnType type;
  type.name = last_name(type_name.list("names"));
  for (const auto& mod : type_name.list("typmods")) {
    type.mods.push_back(mod["ival"].integer("ival"));
  }
  type.array = !type_name.list("arrayBounds").empty();
  return type;
}

std::optional<std::string> not_null_check_column(const PgNode& constraint) {
  if (constraint.str("contype") != "CONSTR_CHECK") {
    return std::nullopt;
  }
  const auto test = constraint["raw_expr"];
  if (!test.is("NullTest") || test.str("nulltesttype") != "IS_NOT_NULL" || !test["arg"].is("ColumnRef")) {
    return std::nullopt;
  }
  return last_name(test["arg"].list("fields"));
}

std::vector<PgNode> column_constraints(const PgNode& column_def, std::string_view contype) {
  std::vector<PgNode> out;
  for (const auto& c : column_def.list("constraints")) {
    if (c.str("contype") == contype) {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::string> concurrently_clause(const PgNode& statement) {
  if (statement.is("IndexStmt") && statement.flag("concurrent")) {
    return "CREATE INDEX CONCURRENTLY";
  }
  if (statement.is("DropStmt") && statement.flag("concurrent")) {
    return "DROP INDEX CONCURRENTLY";
  }
  if (statement.is("ReindexStmt") && has_concurrently_param(statement)) {
    return "REINDEX CONCURRENTLY";
  }
  for (const auto& cmd : alter_commands(statement)) {
    if (cmd.str("subtype") == "AT_DetachPartition" && cmd["def"].flag("concurrent")) {
      return "DETACH PARTITION CONCURRENTLY";
    }
  }
  return std::nullopt;
}

std::optional<std::string> needs_no_transaction(const PgNode& statement) {
  if (auto clause = concurrently_clause(statement)) {
    return clause;
  }
  const auto type = statement.type();
  if (type == "VacuumStmt") {
    return statement.flag("is_vacuumcmd") ? "VACUUM" : "ANALYZE";
  }
  if (type == "CreatedbStmt" || type == "DropdbStmt") {
    return "CREATE/DROP DATABASE";
  }
  if (type == "AlterSystemStmt") {
    return "ALTER SYSTEM";
  }
  if (type == "AlterEnumStmt" && !statement.str("newVal").empty()) {
    return "ALTER TYPE ... ADD VALUE";
  }
  if (type == "CallStmt") {
    return "CALL (a procedure may commit between batches)";
  }
  if (type == "DoStmt" && contains_word(do_body(statement), "commit")) {
    return "a DO block that commits between batches";
  }
  return std::nullopt;
}

std::vector<LockTarget> access_exclusive_targets(const PgNode& statement) {
  const auto type = statement.type();
  if (type == "AlterTableStmt") {
    return alter_takes_access_exclusive(statement) ? targets_of({relation_name(statement["relation"])}, false)
                                                   : std::vector<LockTarget>();
  }
  if (type == "RenameStmt" && statement["relation"]) {
    return targets_of({relation_name(statement["relation"])}, false);
  }
  if (type == "DropStmt") {
    const auto kind = statement.str("removeType");
    if (kind == "OBJECT_TABLE") {
      return targets_of(names_of_objects(statement), false);
    }
    if (kind == "OBJECT_INDEX" && !statement.flag("concurrent")) {
      return targets_of(names_of_objects(statement), true);
    }
    return {};
  }
  if (type == "TruncateStmt") {
    return targets_of(relation_names(statement.list("relations")), false);
  }
  if (type == "LockStmt" && statement.integer("mode") == k_access_exclusive_lock_mode) {
    return targets_of(relation_names(statement.list("relations")), false);
  }
  if ((type == "ReindexStmt" && !has_concurrently_param(statement)) || type == "ClusterStmt") {
    return statement["relation"] ? targets_of({relation_name(statement["relation"])}, false)
                                 : std::vector<LockTarget>();
  }
  if (type == "VacuumStmt") {
    const auto options = statement.list("options");
    const bool full = std::any_of(options.begin(), options.end(),
                                  [](const PgNode& o) { return o.str("defname") == "full"; });
    std::vector<std::string> names;
    for (const auto& r : statement.list("rels")) {
      names.push_back(relation_name(r["relation"]));
    }
    return full ? targets_of(names, false) : std::vector<LockTarget>();
  }
  return {};
}

bool is_volatile_builtin(std::string_view name) {
  constexpr std::array k_volatile{
      std::string_view("random"),          std::string_view("gen_random_uuid"),
      std::string_view("uuid_generate_v1"), std::string_view("uuid_generate_v4"),
      std::string_view("clock_timestamp"), std::string_view("timeofday"),
      std::string_view("nextval"),         std::string_view("txid_current"),
  };
  return std::find(k_volatile.begin(), k_volatile.end(), name) != k_volatile.end();
}

bool alter_scans_or_rewrites(const PgNode& statement) {
  const auto cmds = alter_commands(statement);
  return std::any_of(cmds.begin(), cmds.end(), [](const PgNode& cmd) {
    const auto subtype = cmd.str("subtype");
    const auto contype = cmd["def"].str("contype");
    return subtype == "AT_AlterColumnType" || subtype == "AT_SetNotNull" ||
           (subtype == "AT_AddConstraint" && (contype == "CONSTR_CHECK" || contype == "CONSTR_FOREIGN") &&
            !cmd["def"].flag("skip_validation"));
  });
}

namespace {

// A column added with nothing to compute per row: no constraint but NULL, NOT NULL or a
// constant default.
bool plain_added_column(const PgNode& column_def) {
  const auto constraints = column_def.list("constraints");
  return std::all_of(constraints.begin(), constraints.end(), [](const PgNode& c) {
    const auto type = c.str("contype");
    return type == "CONSTR_NULL" || type == "CONSTR_NOTNULL" ||
           (type == "CONSTR_DEFAULT" && c["raw_expr"].is("A_Const"));
  });
}

constexpr std::array k_instant_statements{
    std::string_view("RenameStmt"),         std::string_view("CommentStmt"),      std::string_view("ViewStmt"),
    std::string_view("GrantStmt"),          std::string_view("AlterOwnerStmt"),   std::string_view("VariableSetStmt"),
    std::string_view("DropStmt"),           std::string_view("CreateStmt"),       std::string_view("CreateFunctionStmt"),
    std::string_view("CreateTrigStmt"),     std::string_view("CreateSeqStmt"),    std::string_view("AlterSeqStmt"),
    std::string_view("CompositeTypeStmt"),  std::string_view("CreateEnumStmt"),   std::string_view("AlterEnumStmt"),
    std::string_view("CreateDomainStmt"),   std::string_view("CreateSchemaStmt"), std::string_view("DefineStmt"),
    std::string_view("CreatePolicyStmt"),   std::string_view("AlterFunctionStmt"),
};

// WHERE 1 = 0, WHERE false or LIMIT 0: the planner reads nothing (a check that a column is
// in place, SELECT c FROM t WHERE 1 = 0).
bool returns_no_row(const PgNode& select) {
  const auto where = select["whereClause"];
  const auto integer = [](const PgNode& node) -> std::optional<std::int64_t> {
    if (!node.is("A_Const") || !node["ival"]) {
      return std::nullopt;
    }
    return node["ival"].integer("ival");
  };
  if (where.is("A_Const") && where["boolval"] && !where["boolval"].flag("boolval")) {
    return true;
  }
  if (where.is("A_Expr") && where.str("kind") == "AEXPR_OP" && last_name(where.list("name")) == "=") {
    const auto left = integer(where["lexpr"]);
    const auto right = integer(where["rexpr"]);
    if (left && right && *left != *right) {
      return true;
    }
  }
  const auto limit = integer(select["limitCount"]);
  return limit && *limit == 0;
}

bool catalog_only_alter_command(const PgNode& cmd) {
  const auto subtype = cmd.str("subtype");
  const auto def = cmd["def"];
  if (subtype == "AT_AddColumn") {
    return plain_added_column(def);
  }
  if (subtype == "AT_AddConstraint") {
    return def.flag("skip_validation") || !def.str("indexname").empty();
  }
  return subtype == "AT_DropConstraint" || subtype == "AT_ColumnDefault" || subtype == "AT_DropNotNull" ||
         subtype == "AT_DropColumn" || subtype == "AT_SetStatistics" || subtype == "AT_ChangeOwner";
}

}  // namespace

bool is_instant(const PgNode& statement) {
  const auto type = statement.type();
  if (type == "AlterTableStmt") {
    const auto cmds = alter_commands(statement);
    return std::all_of(cmds.begin(), cmds.end(), catalog_only_alter_command);
  }
  if (type == "SelectStmt") {
    // The catalog is small whatever the data: a check of pg_attribute is over at once.
    bool reads_a_table = false;
    statement.visit([&](const PgNode& node) {
      if (node.is("RangeVar")) {
        const auto schema = node.str("schemaname");
        const auto name = node.str("relname");
        const bool catalog = schema == "pg_catalog" || schema == "information_schema" || name.starts_with("pg_") ||
                             name.starts_with("sqlite_");
        reads_a_table = reads_a_table || !catalog;
      }
    });
    return (!reads_a_table || returns_no_row(statement)) && !statement["intoClause"];
  }
  // DROP only unlinks (its files go at commit), CREATE TABLE makes an empty table.
  return std::find(k_instant_statements.begin(), k_instant_statements.end(), type) != k_instant_statements.end();
}

std::string statement_label(const PgNode& statement) {
  const auto type = statement.type();
  if (type == "DropStmt") {
    const auto kind = statement.str("removeType");
    return "DROP " + (kind.rfind("OBJECT_", 0) == 0 ? kind.substr(7) : kind);
  }
  if (type == "RenameStmt") {
    return "RENAME";
  }
  if (type == "LockStmt") {
    return "LOCK TABLE";
  }
  if (type == "VacuumStmt") {
    return "VACUUM FULL";
  }
  // "AlterTableStmt" -> "ALTER TABLE": words at the capitals, without "Stmt"
  std::string out;
  for (const char c : type.substr(0, type.rfind("Stmt"))) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0 && !out.empty()) {
      out += ' ';
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::string> lock_timeout_setting(const PgNode& statement) {
  if (statement.is("VariableSetStmt") && statement.str("name") == "lock_timeout") {
    const auto args = statement.list("args");
    if (args.empty()) {
      return "DEFAULT";
    }
    const auto value = args[0]["sval"].str("sval");
    return value.empty() ? std::to_string(args[0]["ival"].integer("ival")) : value;
  }
  std::optional<std::string> found;
  if (statement.is("SelectStmt")) {
    statement.visit([&](const PgNode& node) {
      if (node.is("FuncCall") && last_name(node.list("funcname")) == "set_config") {
        const auto args = node.list("args");
        if (args.size() >= 2 && args[0]["sval"].str("sval") == "lock_timeout") {
          found = args[1]["sval"].str("sval");
        }
      }
    });
  }
  return found;
}

bool is_read_only_select(const PgNode& statement) {
  if (!statement.is("SelectStmt") || statement["intoClause"] || !statement.list("lockingClause").empty()) {
    return false;
  }
  bool writes = false;
  statement.visit([&](const PgNode& node) {
    const auto type = node.type();
    writes = writes || type == "InsertStmt" || type == "UpdateStmt" || type == "DeleteStmt" ||
             type == "MergeStmt" || (type == "SelectStmt" && node["intoClause"]) ||
             type == "LockingClause";
  });
  return !writes;
}

}  // namespace migrator::lint
