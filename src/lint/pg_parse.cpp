#include "lint/pg_parse.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>

#include "util/sql_comments.hpp"

#include "util/line_col.hpp"

namespace migrator::lint {
namespace {

// Frees a libpg_query result however the scope is left.
template <typename Result, void (*Free)(Result)>
class Owned {
 public:
  explicit Owned(Result result) : m_result(result) {}
  ~Owned() { Free(m_result); }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  const Result& operator*() const { return m_result; }
  const Result* operator->() const { return &m_result; }

 private:
  Result m_result;
};

using ParseResult = Owned<PgQueryParseResult, pg_query_free_parse_result>;
using SplitResult = Owned<PgQuerySplitResult, pg_query_free_split_result>;

// libpg_query counts `cursorpos` in characters from 1; 0 means "no position".
std::size_t error_offset(std::string_view text, int cursorpos) {
  return cursorpos <= 0 ? 0 : util::byte_offset_of_char(text, static_cast<std::size_t>(cursorpos - 1));
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) != 0 || text.back() == ';')) {
    text.remove_suffix(1);
  }
  return text;
}

// An upper bound of how deeply libpg_query will nest `text`'s tree: set operations (each
// UNION, INTERSECT or EXCEPT adds a level to a left-deep chain) plus the deepest parentheses.
// Words in strings and comments count too, which only makes the bound looser.
std::size_t nesting_bound(std::string_view text) {
  std::size_t set_operations = 0;
  std::size_t depth = 0;
  std::size_t deepest = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '(') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      const auto start = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_')) {
        ++i;
      }
      std::string word(text.substr(start, i - start));
      std::transform(word.begin(), word.end(), word.begin(), [](unsigned char ch) { return std::toupper(ch); });
      set_operations += word == "UNION" || word == "INTERSECT" || word == "EXCEPT" ? 1 : 0;
      continue;
    }
    ++i;
  }
  return set_operations + deepest;
}

}  // namespace


void PgParse::add_tree(const char* json, std::string_view text, std::size_t base, std::size_t end) {
  auto tree = std::make_shared<const nlohmann::json>(nlohmann::json::parse(json));
  const auto stmts = tree->find("stmts");
  if (stmts != tree->end()) {
    for (const auto& s : *stmts) {
      const auto location = base + s.value("stmt_location", std::size_t{0});
      const auto length = s.value("stmt_len", std::size_t{0});
      const auto stop = length == 0 ? end : std::min(end, location + length);
      const auto start = std::min(util::skip_blanks_and_comments(text, location), stop);
      m_statements.push_back(
          {start, trim_right(text.substr(start, stop - start)), PgNode(&s["stmt"]), base});
    }
  }
  m_trees.push_back(std::move(tree));
}

PgParse PgParse::parse(std::string_view text) {
  PgParse out;
  // Deeper trees cost a stack frame and a JSON object per level to write and walk, and
  // no server plans them anyway (PostgreSQL's max_stack_depth is 2 MB): refused unread.
  if (const auto nesting = nesting_bound(text); nesting > k_max_nesting) {
    out.m_errors.push_back({"nested about " + std::to_string(nesting) +
                                " levels deep (set operations and parentheses); check reads at most " +
                                std::to_string(k_max_nesting) + ": split the statement",
                            util::skip_blanks_and_comments(text, 0)});
    return out;
  }
  const std::string input(text);  // libpg_query wants a terminating NUL
  const ParseResult whole(pg_query_parse(input.c_str()));
  if (whole->error == nullptr) {
    out.add_tree(whole->parse_tree, text, 0, text.size());
    return out;
  }
  // Split by the scanner (which survives syntax errors) and parse each statement alone.
  const SplitResult split(pg_query_split_with_scanner(input.c_str()));
  if (split->error != nullptr || split->n_stmts == 0) {
    out.m_errors.push_back({whole->error->message, error_offset(text, whole->error->cursorpos)});
    return out;
  }
  // The scanner's split drops a statement that starts with an unknown word (a misspelt
  // keyword): text between the pieces it returns is parsed as a piece too.
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // offset, length
  std::size_t cursor = 0;
  const auto add_gap = [&](std::size_t end) {
    const auto start = util::skip_blanks_and_comments(text, cursor);
    if (start < end && text.substr(start, end - start).find_first_not_of("; \t\r\n") != std::string_view::npos) {
      pieces.emplace_back(start, end - start);
    }
  };
  for (int i = 0; i < split->n_stmts; ++i) {
    const auto location = static_cast<std::size_t>(split->stmts[i]->stmt_location);
    const auto length = static_cast<std::size_t>(split->stmts[i]->stmt_len);
    add_gap(location);
    pieces.emplace_back(location, length);
    cursor = location + length;
  }
  add_gap(text.size());
  for (const auto& [location, length] : pieces) {
    const auto piece = text.substr(location, length);
    const ParseResult one(pg_query_parse(std::string(piece).c_str()));
    if (one->error != nullptr) {
      out.m_errors.push_back({one->error->message, location + error_offset(piece, one->error->cursorpos)});
    } else {
      out.add_tree(one->parse_tree, text, location, location + piece.size());
    }
  }
  if (out.m_errors.empty()) {
    out.m_errors.push_back({whole->error->message, error_offset(text, whole->error->cursorpos)});
  }
  return out;
}

}  // namespace migrator::lint
