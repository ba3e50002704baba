#include "lint/sqlite_scan.hpp"

#include <algorithm>
#include <cctype>

namespace migrator::lint {
namespace {

bool is_word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

// The end of a quoted run starting at `at` whose closing quote is `close`; a doubled closing
// quote is an escaped one. An unterminated run ends with the text.
std::size_t quoted_end(std::string_view text, std::size_t at, char close) {
  std::size_t i = at + 1;
  while (i < text.size()) {
    if (text[i] == close) {
      if (close != ']' && i + 1 < text.size() && text[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

// PostgreSQL's dollar quoting ($$ or $tag$ ... the same again): the length of the opening tag
// at `at`, 0 when there is none. SQLite has no such thing, but a field shared by both
// dialects may hold a PostgreSQL function body, whose `END;` ends no statement.
std::size_t dollar_tag_length(std::string_view text, std::size_t at) {
  if (text[at] != '$') {
    return 0;
  }
  std::size_t i = at + 1;
  if (i < text.size() && is_word_start(text[i])) {
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_')) {
      ++i;
    }
  }
  return i < text.size() && text[i] == '$' ? i + 1 - at : 0;
}

// The next token at or after `at`, skipping blanks and comments; empty text at the end.
SqliteToken next_token(std::string_view text, std::size_t& at) {
  while (at < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[at])) != 0) {
      ++at;
    } else if (text.substr(at, 2) == "--") {
      const auto end = text.find('\n', at);
      at = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.substr(at, 2) == "/*") {
      const auto end = text.find("*/", at + 2);
      at = end == std::string_view::npos ? text.size() : end + 2;
    } else {
      break;
    }
  }
  SqliteToken token;
  token.offset = at;
  if (at >= text.size()) {
    return token;
  }
  std::size_t end = at + 1;
  const char c = text[at];
  if (is_word_start(c)) {
    while (end < text.size() && is_word_char(text[end])) {
      ++end;
    }
    token.word = std::string(text.substr(at, end - at));
    std::transform(token.word.begin(), token.word.end(), token.word.begin(),
                   [](char ch) { return static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); });
  } else if (c == '\'' || c == '"' || c == '`') {
    end = quoted_end(text, at, c);
  } else if (c == '[') {
    end = quoted_end(text, at, ']');
  } else if (const auto tag = dollar_tag_length(text, at); tag > 0) {
    const auto close = text.find(text.substr(at, tag), at + tag);
    end = close == std::string_view::npos ? text.size() : close + tag;
  }
  token.text = text.substr(at, end - at);
  at = end;
  return token;
}

// A trigger body holds `;` between BEGIN and its END (CASE ... END nests inside).
bool is_create_trigger(const std::vector<SqliteToken>& tokens) {
  if (tokens.empty() || tokens[0].word != "CREATE") {
    return false;
  }
  for (std::size_t i = 1; i < std::min<std::size_t>(tokens.size(), 4); ++i) {
    if (tokens[i].word == "TRIGGER") {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view SqliteStatement::word(std::size_t i) const {
  return i < tokens.size() ? std::string_view(tokens[i].word) : std::string_view();
}

bool SqliteStatement::has_word(std::string_view upper) const {
  return std::any_of(tokens.begin(), tokens.end(), [&](const SqliteToken& t) { return t.word == upper; });
}

std::vector<SqliteStatement> split_sqlite(std::string_view text) {
  std::vector<SqliteStatement> out;
  SqliteStatement current;
  int case_depth = 0;
  bool in_body = false;
  const auto finish = [&] {
    if (!current.tokens.empty()) {
      const auto& last = current.tokens.back();
      current.offset = current.tokens.front().offset;
      current.text = text.substr(current.offset, last.offset + last.text.size() - current.offset);
      out.push_back(std::move(current));
    }
    current = {};
    case_depth = 0;
    in_body = false;
  };
  std::size_t at = 0;
  for (;;) {
    auto token = next_token(text, at);
    if (token.text.empty()) {
      finish();
      break;
    }
    if (token.text == ";" && !in_body) {
      finish();
      continue;
    }
    if (token.word == "BEGIN" && !in_body && is_create_trigger(current.tokens)) {
      in_body = true;
    } else if (in_body && token.word == "CASE") {
      ++case_depth;
    } else if (in_body && token.word == "END") {
      if (case_depth > 0) {
        --case_depth;
      } else {
        in_body = false;
      }
    }
    current.tokens.push_back(std::move(token));
  }
  return out;
}

}  // namespace migrator::lint
