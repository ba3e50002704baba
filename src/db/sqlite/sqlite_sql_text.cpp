#include "db/sqlite/sqlite_sql_text.hpp"

#include <algorithm>
#include <cctype>

#include "db/sqlite/sqlite_tokens.hpp"

namespace migrator::db::sqlite {
namespace {

bool is_simple_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// The tokens as compared: a quoted identifier that needs no quotes loses them ("T" and t
// are one name), any other keeps double quotes.
std::vector<std::string> tokens(std::string_view sql) {
  std::vector<std::string> out;
  for (auto& token : sqlite_tokens(sql)) {
    if (token.kind != SqliteToken::Kind::identifier) {
      out.push_back(std::move(token.text));
      continue;
    }
    if (is_simple_identifier(token.text)) {
      std::transform(token.text.begin(), token.text.end(), token.text.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      out.push_back(std::move(token.text));
      continue;
    }
    std::string quoted = "\"";
    for (const char ch : token.text) {
      quoted += ch == '"' ? "\"\"" : std::string(1, ch);
    }
    out.push_back(quoted + "\"");
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
