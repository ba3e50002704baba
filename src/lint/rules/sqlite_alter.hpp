#pragma once
// SQLite's ALTER TABLE knows only RENAME TO, RENAME COLUMN, ADD COLUMN and DROP COLUMN; the
// sqlite-* rules name what else a sqlite variant tries.
#include <algorithm>
#include <array>
#include <string>

#include "lint/rules/helpers.hpp"

namespace migrator::lint::rules {

struct SqliteAlter {
  std::string table;
  std::size_t action = 0;  // index of the token after the table name
};

// The ALTER TABLE a SQLite statement is, or nullopt.
inline std::optional<SqliteAlter> sqlite_alter(const StatementContext& ctx) {
  if (ctx.sqlite == nullptr || ctx.sqlite->word(0) != "ALTER" || ctx.sqlite->word(1) != "TABLE") {
    return std::nullopt;
  }
  const auto& tokens = ctx.sqlite->tokens;
  std::size_t at = 2;
  if (at + 1 < tokens.size() && tokens[at + 1].text == ".") {
    at += 2;  // schema.table
  }
  if (at + 1 >= tokens.size()) {
    return std::nullopt;
  }
  return SqliteAlter{std::string(tokens[at].text), at + 1};
}

// ALTER TABLE t ADD followed by one of these adds a constraint, not a column.
inline bool adds_constraint(const SqliteStatement& s, const SqliteAlter& alter) {
  static constexpr std::array k_constraint_words{
      std::string_view("CONSTRAINT"), std::string_view("PRIMARY"), std::string_view("UNIQUE"),
      std::string_view("FOREIGN"),    std::string_view("CHECK"),   std::string_view("EXCLUDE"),
  };
  return s.word(alter.action) == "ADD" &&
         std::find(k_constraint_words.begin(), k_constraint_words.end(), s.word(alter.action + 1)) !=
             k_constraint_words.end();
}

// The rules that read SQLite statements apply to what runs forward and back.
inline bool sqlite_rule_applies(Field field) { return field == Field::sql || field == Field::rollback; }

}  // namespace migrator::lint::rules
