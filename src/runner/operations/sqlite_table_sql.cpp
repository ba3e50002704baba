#include "runner/operations/sqlite_table_sql.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "db/sqlite/sqlite_tokens.hpp"

namespace migrator::runner::operations {
namespace {

using db::sqlite::SqliteToken;
using Tokens = std::vector<SqliteToken>;

// One column definition of the CREATE TABLE: its tokens [first, last).
struct Part {
  std::size_t first = 0;
  std::size_t last = 0;
};

// The top-level comma-separated parts of the parenthesised column list, by tokens, so that
// commas, parentheses and words inside comments or quotes never count.
std::vector<Part> column_parts(const Tokens& tokens) {
  std::vector<Part> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& text = tokens[i].text;
    if (tokens[i].kind != SqliteToken::Kind::other) {
      continue;
    }
    if (text == "(") {
      if (++depth == 1) {
        start = i + 1;
      }
    } else if (text == ")") {
      if (depth-- == 1) {
        parts.push_back({start, i});
        return parts;
      }
    } else if (text == "," && depth == 1) {
      parts.push_back({start, i});
      start = i + 1;
    }
  }
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_word(const SqliteToken& token, std::string_view word) {
  return token.kind == SqliteToken::Kind::word && token.text == word;
}

// The token index of NOT in a NOT NULL of `part` outside parentheses (a CHECK's
// "x IS NOT NULL" is not the column's constraint), or nullopt.
std::optional<std::size_t> find_not_null(const Tokens& tokens, const Part& part) {
  int depth = 0;
  for (std::size_t i = part.first; i < part.last; ++i) {
    depth += tokens[i].text == "(" ? 1 : tokens[i].text == ")" ? -1 : 0;
    if (depth == 0 && is_word(tokens[i], "not") && i + 1 < part.last && is_word(tokens[i + 1], "null")) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> with_not_null(std::string_view create_sql, std::string_view column,
                                         bool not_null) {
  const auto tokens = db::sqlite::sqlite_tokens(create_sql);
  const auto wanted = lower(column);
  for (const auto& part : column_parts(tokens)) {
    const auto& name = tokens[part.first];
    if (part.first == part.last ||
        (name.kind != SqliteToken::Kind::word && name.kind != SqliteToken::Kind::identifier) ||
        lower(name.text) != wanted) {
      continue;
    }
    const auto found = find_not_null(tokens, part);
    std::string edited(create_sql);
    if (not_null && !found) {
      // Right after the definition's last token: never inside a comment that follows it.
      edited.insert(tokens[part.last - 1].end, " NOT NULL");
    } else if (!not_null && found) {
      auto begin = tokens[*found].begin;
      while (begin > 0 && (edited[begin - 1] == ' ' || edited[begin - 1] == '\t')) {
        --begin;
      }
      edited.erase(begin, tokens[*found + 1].end - begin);
    }
    return edited;
  }
  return std::nullopt;
}

}  // namespace migrator::runner::operations
