#include "db/sqlite/sqlite_tokens.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace migrator::db::sqlite {
namespace {

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Reads a quoted token starting at `i` (at the opening quote); `close` ends it, and a
// doubled `close` inside stands for one. Returns the content; `i` ends after the token.
std::string read_quoted(std::string_view sql, std::size_t& i, char close) {
  std::string content;
  for (++i; i < sql.size(); ++i) {
    if (sql[i] == close) {
      if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
        content += close;
        ++i;
        continue;
      }
      ++i;
      return content;
    }
    content += sql[i];
  }
  return content;  // unterminated: SQLite stored it, so take what is there
}

}  // namespace

std::vector<SqliteToken> sqlite_tokens(std::string_view sql) {
  using Kind = SqliteToken::Kind;
  std::vector<SqliteToken> out;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const auto begin = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {  // SQLite's block comments do not nest
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'') {
      read_quoted(sql, i, '\'');
      out.push_back({Kind::string, begin, i, std::string(sql.substr(begin, i - begin))});
    } else if (c == '"' || c == '`' || c == '[') {
      auto name = read_quoted(sql, i, c == '[' ? ']' : c);
      out.push_back({Kind::identifier, begin, i, std::move(name)});
    } else if (is_word_char(c)) {
      while (i < sql.size() && is_word_char(sql[i])) {
        ++i;
      }
      out.push_back({Kind::word, begin, i, lower_ascii(std::string(sql.substr(begin, i - begin)))});
    } else {
      static constexpr std::string_view k_two_char[] = {"<=", ">=", "<>", "!=", "==",
                                                         "||", "<<", ">>", "->"};
      const auto pair = sql.substr(i, 2);
      const bool two = std::find(std::begin(k_two_char), std::end(k_two_char), pair) != std::end(k_two_char);
      i += two ? 2 : 1;
      out.push_back({Kind::other, begin, i, std::string(sql.substr(begin, i - begin))});
    }
  }
  return out;
}

}  // namespace migrator::db::sqlite
