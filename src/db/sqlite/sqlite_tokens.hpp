#pragma once
// SQLite's SQL split into tokens the way SQLite's tokenizer does: comments (-- and /* */)
// and blanks between tokens, quoted strings and identifiers ('', "", ``, []) with their
// doubled quotes, words, and operators. Each token keeps where it stands, so that a text can
// be edited exactly (the NOT NULL operations) as well as compared (sqlite_sql_text).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrator::db::sqlite {

struct SqliteToken {
  enum class Kind { word, identifier, string, other };
  Kind kind = Kind::other;
  std::size_t begin = 0;  // byte offsets in the text, [begin, end)
  std::size_t end = 0;
  // words: lowercased (keywords and bare names are case-blind); identifiers: the name
  // unquoted, its case kept; strings: the literal as written, quotes included; other: the
  // operator. SQLite compares names case-blind for ASCII either way.
  std::string text;
};

std::vector<SqliteToken> sqlite_tokens(std::string_view sql);

}  // namespace migrator::db::sqlite
