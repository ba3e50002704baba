// schema_fingerprint on SQLite: the pragmas' view of tables, columns, indexes and foreign
// keys (semantic, so a rebuilt table compares equal to the original), plus the normalized
// text of what only the CREATE text holds: CHECK constraints, views, triggers, explicit
// indexes. sqlite_* internals and migrator's own tables are left out.
#include <algorithm>
#include <map>

#include "db/own_tables.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/sqlite/sqlite_sql_text.hpp"

namespace migrator::db::sqlite {
namespace {

// The user's tables, as a CTE named t that each query joins its pragma to.
constexpr std::string_view k_user_tables =
    "WITH t AS (SELECT name, type, wr, strict FROM pragma_table_list "
    "WHERE schema = 'main' AND type IN ('table', 'virtual') "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN {own_tables}) ";

std::string text(const Cell& cell) { return cell.value_or("NULL"); }

ResultSet query_tables(Connection& db, std::string_view rest) {
  static const auto user_tables = with_own_tables(k_user_tables);
  return db.query(user_tables + std::string(rest));
}

void add_tables(Connection& db, std::vector<std::string>& out) {
  const auto result = query_tables(
      db, "SELECT t.name, t.type, t.wr, t.strict, s.sql FROM t "
          "JOIN sqlite_schema AS s ON s.name = t.name AND s.type = 'table'");
  for (const auto& row : result.rows) {
    const std::string name = text(row[0]);
    if (text(row[1]) == "virtual") {
      out.push_back("virtual table " + name + " " + normalized_sql(text(row[4])));
      continue;
    }
    out.push_back("table " + name + (text(row[2]) == "1" ? " without rowid" : "") +
                  (text(row[3]) == "1" ? " strict" : ""));
    for (const auto& check : check_clauses(text(row[4]))) {
      out.push_back("check " + name + " " + check);
    }
  }
}

void add_columns(Connection& db, std::vector<std::string>& out) {
  const auto result = query_tables(
      db, "SELECT t.name, c.name, upper(c.type), c.\"notnull\", c.dflt_value, c.pk, c.hidden "
          "FROM t JOIN pragma_table_xinfo(t.name, 'main') AS c ORDER BY t.name, c.cid");
  // The order of a table's columns, one line a table: a column dropped and added back by a
  // rollback comes back last, which is one change, not one per column.
  std::map<std::string, std::string> order;
  for (const auto& row : result.rows) {
    static const std::map<std::string, std::string> k_hidden = {
        {"1", " hidden"}, {"2", " generated virtual"}, {"3", " generated stored"}};
    const auto hidden = k_hidden.find(text(row[6]));
    out.push_back("column " + text(row[0]) + "." + text(row[1]) + " " + text(row[2]) +
                  (text(row[3]) == "1" ? " not null" : " null") +
                  (row[4] ? " default " + *row[4] : "") +
                  (text(row[5]) != "0" ? " primary key " + text(row[5]) : "") +
                  (hidden != k_hidden.end() ? hidden->second : ""));
    auto& names = order[text(row[0])];
    names += (names.empty() ? "" : ", ") + text(row[1]);
  }
  for (const auto& [table, names] : order) {
    out.push_back("columns " + table + " " + names);
  }
}

// Indexes SQLite made for UNIQUE and PRIMARY KEY constraints have generated names that a
// rebuilt table may number differently: they are described by their columns instead.
void add_indexes(Connection& db, std::vector<std::string>& out) {
  const auto result = query_tables(
      db, "SELECT t.name, i.name, i.\"unique\", i.origin, s.sql, "
          "coalesce(x.name, '<expression>'), x.\"desc\", x.coll "
          "FROM t JOIN pragma_index_list(t.name, 'main') AS i "
          "JOIN pragma_index_xinfo(i.name, 'main') AS x "
          "LEFT JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = i.name "
          "WHERE x.key = 1 ORDER BY t.name, i.name, x.seqno");
  std::map<std::pair<std::string, std::string>, std::string> lines;
  for (const auto& row : result.rows) {
    const std::string table = text(row[0]);
    const std::string origin = text(row[3]);
    auto& line = lines[{table, text(row[1])}];
    if (origin == "c") {
      line = "index " + table + " " + (text(row[2]) == "1" ? "unique " : "") +
             normalized_sql(text(row[4]));
      continue;
    }
    const std::string column = text(row[5]) + (text(row[6]) == "1" ? " desc" : "") +
                               (text(row[7]) != "BINARY" ? " collate " + text(row[7]) : "");
    if (line.empty()) {
      line = (origin == "pk" ? "primary key " : "unique ") + table + " (" + column;
    } else {
      line += ", " + column;
    }
  }
  for (auto& [key, line] : lines) {
    out.push_back(line.starts_with("index ") ? line : line + ")");
  }
}

void add_foreign_keys(Connection& db, std::vector<std::string>& out) {
  const auto result = query_tables(
      db, "SELECT t.name, f.id, f.\"table\", f.\"from\", coalesce(f.\"to\", '<primary key>'), "
          "f.on_update, f.on_delete, f.\"match\" "
          "FROM t JOIN pragma_foreign_key_list(t.name, 'main') AS f ORDER BY t.name, f.id, f.seq");
  struct ForeignKey {
    std::string from, parent, to, actions;
  };
  std::map<std::pair<std::string, std::string>, ForeignKey> keys;
  for (const auto& row : result.rows) {
    auto& key = keys[{text(row[0]), text(row[1])}];
    key.from += (key.from.empty() ? "" : ", ") + text(row[3]);
    key.to += (key.to.empty() ? "" : ", ") + text(row[4]);
    key.parent = text(row[2]);
    key.actions = "on update " + text(row[5]) + " on delete " + text(row[6]) + " match " +
                  text(row[7]);
  }
  for (const auto& [id, key] : keys) {
    out.push_back("foreign key " + id.first + " (" + key.from + ") references " + key.parent +
                  " (" + key.to + ") " + key.actions);
  }
}

void add_views_and_triggers(Connection& db, std::vector<std::string>& out) {
  static const auto sql = with_own_tables(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger') "
      "AND tbl_name NOT IN {own_tables}");
  const auto result = db.query(sql);
  for (const auto& row : result.rows) {
    out.push_back(text(row[0]) + " " + text(row[1]) + " " + normalized_sql(text(row[3])));
  }
}

}  // namespace

std::vector<std::string> SqliteConnection::schema_fingerprint() {
  std::vector<std::string> out;
  add_tables(*this, out);
  add_columns(*this, out);
  add_indexes(*this, out);
  add_foreign_keys(*this, out);
  add_views_and_triggers(*this, out);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace migrator::db::sqlite
