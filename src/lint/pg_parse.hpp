#pragma once
// PostgreSQL's own parser (libpg_query) over one SQL field of a plan: its statements, each
// with its place in the field, or the syntax errors with theirs.
#include <cstddef>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lint/pg_node.hpp"

namespace migrator::lint {

struct PgStatement {
  std::size_t offset = 0;  // byte offset of its first token in the field text
  std::string_view text;   // from the first token to the end, without the `;`
  PgNode node;             // {"AlterTableStmt": {...}}
  std::size_t base = 0;    // node locations count from this byte of the field text
};

struct PgSyntaxError {
  std::string message;     // libpg_query's, e.g. syntax error at or near "SELEC"
  std::size_t offset = 0;  // byte offset in the field text
};

// The deepest statement parsed: UNION ALL chains and parentheses nested further are a
// syntax error of their own instead of a stack overflow.
inline constexpr std::size_t k_max_nesting = 100'000;

class PgParse {
 public:
  // Parses `text` (which must outlive the result). With a syntax error, every statement is
  // parsed on its own, so that each error is found and the good statements are kept.
  static PgParse parse(std::string_view text);

  const std::vector<PgStatement>& statements() const { return m_statements; }
  const std::vector<PgSyntaxError>& errors() const { return m_errors; }

 private:
  // Adds the statements of one parse tree of `text.substr(base)`.
  void add_tree(const char* json, std::string_view text, std::size_t base, std::size_t end);

  std::vector<std::shared_ptr<const nlohmann::json>> m_trees;  // what the nodes point into
  std::vector<PgStatement> m_statements;
  std::vector<PgSyntaxError> m_errors;
};


}  // namespace migrator::lint
