#pragma once
// A small tokenizer for SQLite's SQL: enough to split a field into statements (trigger
// bodies included) and read their keywords. PostgreSQL's parser rejects much of SQLite's
// dialect (AUTOINCREMENT, backquotes), so the SQLite rules read tokens instead of a tree.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrator::lint {

struct SqliteToken {
  std::string word;        // upper-cased keyword or bare identifier; empty for anything else
  std::string_view text;   // as written (quoted identifiers and strings with their quotes)
  std::size_t offset = 0;  // byte offset in the field text
};

struct SqliteStatement {
  std::size_t offset = 0;  // of the first token
  std::string_view text;   // without the `;`
  std::vector<SqliteToken> tokens;

  // The upper-cased word of token `i`, "" past the end or for a non-word.
  std::string_view word(std::size_t i) const;
  bool has_word(std::string_view upper) const;
};

std::vector<SqliteStatement> split_sqlite(std::string_view text);

}  // namespace migrator::lint
