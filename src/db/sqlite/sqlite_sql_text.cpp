#include "db/sqlite/sqlite_sql_text.hpp"

#include <algorithm>
#include <cctype>

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

bool is_simple_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
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

std::vector<std::string> tokens(std::string_view sql) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'') {
      std::string literal;
      for (char ch : read_quoted(sql, i, '\'')) {
        literal += ch == '\'' ? "''" : std::string(1, ch);
      }
      out.push_back("'" + literal + "'");
    } else if (c == '"' || c == '`' || c == '[') {
      std::string name = read_quoted(sql, i, c == '[' ? ']' : c);
      if (is_simple_identifier(name)) {
        out.push_back(lower_ascii(name));
      } else {
        std::string quoted = "\"";
        for (char ch : name) {
          quoted += ch == '"' ? "\"\"" : std::string(1, ch);
        }
        out.push_back(quoted + "\"");
      }
    } else if (is_word_char(c)) {
      const auto start = i;
      while (i < sql.size() && is_word_char(sql[i])) {
        ++i;
      }
      out.push_back(lower_ascii(std::string(sql.substr(start, i - start))));
    } else {
      static constexpr std::string_view k_two_char[] = {"<=", ">=", "<>", "!=", "==",
                                                         "||", "<<", ">>", "->"};
      const auto pair = sql.substr(i, 2);
      const bool two = std::find(std::begin(k_two_char), std::end(k_two_char), pair) !=
                       std::end(k_two_char);
      out.emplace_back(sql.substr(i, two ? 2 : 1));
      i += two ? 2 : 1;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    out += (i == from ? "" : " ") + parts[i];
  }
  return out;
}

}  // namespace

std::string normalized_sql(std::string_view sql) {
  const auto parts = tokens(sql);
  return join(parts, 0, parts.size());
}

std::vector<std::string> check_clauses(std::string_view create_table_sql) {
  const auto parts = tokens(create_table_sql);
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] != "check" || parts[i + 1] != "(") {
      continue;
    }
    std::size_t end = i + 1;
    for (int depth = 0; end < parts.size(); ++end) {
      depth += parts[end] == "(" ? 1 : parts[end] == ")" ? -1 : 0;
      if (depth == 0) {
        break;
      }
    }
    const bool named = i >= 2 && parts[i - 2] == "constraint";
    out.push_back(join(parts, named ? i - 2 : i, std::min(end + 1, parts.size())));
    i = end;
  }
  return out;
}

}  // namespace migrator::db::sqlite
