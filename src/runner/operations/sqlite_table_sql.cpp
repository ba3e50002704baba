#include "runner/operations/sqlite_table_sql.hpp"

#include <cctype>
#include <vector>

namespace migrator::runner::operations {
namespace {

struct Span {
  std::size_t begin;
  std::size_t end;
};

// Skips a quoted identifier or string starting at `i`; returns the index after it.
std::size_t skip_quoted(std::string_view s, std::size_t i) {
  const char close = s[i] == '[' ? ']' : s[i];
  for (++i; i < s.size(); ++i) {
    if (s[i] == close) {
      if (close != ']' && i + 1 < s.size() && s[i + 1] == close) {
        ++i;  // doubled quote inside
        continue;
      }
      return i + 1;
    }
  }
  return s.size();
}

bool is_quote(char c) { return c == '\'' || c == '"' || c == '`' || c == '['; }

// The top-level comma-separated parts of the parenthesised column list.
std::vector<Span> column_parts(std::string_view sql) {
  std::vector<Span> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (is_quote(c)) {
      i = skip_quoted(sql, i);
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      i = end == std::string_view::npos ? sql.size() : end;
      continue;
    }
    if (c == '(') {
      if (++depth == 1) {
        start = i + 1;
      }
    } else if (c == ')') {
      if (depth-- == 1) {
        parts.push_back({start, i});
        return parts;
      }
    } else if (c == ',' && depth == 1) {
      parts.push_back({start, i});
      start = i + 1;
    }
    ++i;
  }
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The first word of a column definition, unquoted.
std::string first_name(std::string_view def) {
  std::size_t i = def.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) {
    return {};
  }
  if (is_quote(def[i])) {
    const auto end = skip_quoted(def, i);
    return std::string(def.substr(i + 1, end - i - 2));
  }
  std::size_t end = i;
  while (end < def.size() && (std::isalnum(static_cast<unsigned char>(def[end])) || def[end] == '_')) {
    ++end;
  }
  return std::string(def.substr(i, end - i));
}

// Where "NOT NULL" stands in `def` outside quotes and parentheses, or npos.
Span find_not_null(std::string_view def) {
  const auto lowered = lower(def);
  int depth = 0;
  for (std::size_t i = 0; i < def.size();) {
    if (is_quote(def[i])) {
      i = skip_quoted(def, i);
      continue;
    }
    depth += def[i] == '(' ? 1 : def[i] == ')' ? -1 : 0;
    if (depth == 0 && lowered.compare(i, 3, "not") == 0 &&
        (i == 0 || !std::isalnum(static_cast<unsigned char>(def[i - 1])))) {
      auto j = lowered.find_first_not_of(" \t\r\n", i + 3);
      if (j != std::string::npos && lowered.compare(j, 4, "null") == 0 &&
          (j + 4 == def.size() || !std::isalnum(static_cast<unsigned char>(def[j + 4])))) {
        return {i, j + 4};
      }
    }
    ++i;
  }
  return {std::string_view::npos, std::string_view::npos};
}

}  // namespace

std::optional<std::string> with_not_null(std::string_view create_sql, std::string_view column,
                                         bool not_null) {
  const auto wanted = lower(column);
  for (const auto part : column_parts(create_sql)) {
    const auto def = create_sql.substr(part.begin, part.end - part.begin);
    if (lower(first_name(def)) != wanted) {
      continue;
    }
    const auto found = find_not_null(def);
    std::string edited(def);
    if (not_null && found.begin == std::string_view::npos) {
      const auto last = edited.find_last_not_of(" \t\r\n");
      edited.insert(last + 1, " NOT NULL");
    } else if (!not_null && found.begin != std::string_view::npos) {
      auto begin = found.begin;
      while (begin > 0 && (edited[begin - 1] == ' ' || edited[begin - 1] == '\t')) {
        --begin;
      }
      edited.erase(begin, found.end - begin);
    }
    return std::string(create_sql.substr(0, part.begin)) + edited +
           std::string(create_sql.substr(part.end));
  }
  return std::nullopt;
}

}  // namespace migrator::runner::operations
