#include "plan/sql_file_scan.hpp"

#include <pg_query.h>

#include <nlohmann/json.hpp>

#include <string>

#include "util/sql_comments.hpp"
#include "util/sql_words.hpp"

namespace migrator::plan {
namespace {

bool flag(const nlohmann::json& node, const char* key) {
  const auto it = node.find(key);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

// REINDEX (CONCURRENTLY) and ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY keep the
// option deeper in the tree than a flag of the statement.
bool mentions_concurrently(const nlohmann::json& node) {
  const auto text = node.dump();
  return text.find("\"concurrently\"") != std::string::npos || text.find("\"concurrent\":true") != std::string::npos;
}

void classify(const nlohmann::json& stmt, FileStatement& s) {
  if (!stmt.is_object() || stmt.empty()) {
    return;
  }
  // begin() of the object itself: items() is a temporary whose element must not outlive it.
  const auto first = stmt.begin();
  const std::string type = first.key();
  const auto& node = first.value();
  if (type == "TransactionStmt") {
    const auto kind = node.value("kind", std::string());
    s.begins_transaction = kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START";
    s.commits = kind == "TRANS_STMT_COMMIT";
    s.ends_transaction = s.commits || kind == "TRANS_STMT_ROLLBACK";
    return;
  }
  // What PostgreSQL documents as "cannot be executed inside a transaction block".
  // ANALYZE is a VacuumStmt too, and runs inside a transaction.
  s.outside_transaction =
      ((type == "IndexStmt" || type == "DropStmt") && flag(node, "concurrent")) ||
      (type == "VacuumStmt" && flag(node, "is_vacuumcmd")) ||
      ((type == "ReindexStmt" || type == "AlterTableStmt") && mentions_concurrently(node)) ||
      type == "CreatedbStmt" || type == "DropdbStmt" || type == "CreateTableSpaceStmt" ||
      type == "DropTableSpaceStmt" || type == "AlterSystemStmt";
}

constexpr std::string_view k_no_break_space = "\xC2\xA0";

// The byte offset of character `index` (from 0) of UTF-8 `text`: PostgreSQL counts an error's
// position in characters.
std::size_t byte_offset_of_character(std::string_view text, int index) {
  std::size_t offset = 0;
  for (int seen = 0; offset < text.size(); ++offset) {
    if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80 && seen++ == index) {
      break;
    }
  }
  return offset;
}

// Whether a statement may begin just after `prefix`: it parses, and its last statement (if
// any) ended with `;` (the parser gives a statement running to the end of the text no length).
bool ends_between_statements(const std::string& prefix) {
  PgQueryParseResult parsed = pg_query_parse(prefix.c_str());
  const bool ok = parsed.error == nullptr;
  const auto tree = ok ? nlohmann::json::parse(parsed.parse_tree, nullptr, false) : nlohmann::json();
  pg_query_free_parse_result(parsed);
  if (!ok || !tree.is_object()) {
    return false;
  }
  const auto stmts = tree.find("stmts");
  return stmts == tree.end() || stmts->empty() || stmts->back().value("stmt_len", 0) != 0;
}

}  // namespace

std::size_t blank_no_break_spaces_between_statements(std::string& text) {
  std::size_t blanked = 0;
  if (text.find(k_no_break_space) == std::string::npos) {
    return blanked;  // the usual file: no parse
  }
  for (;;) {
    PgQueryParseResult parsed = pg_query_parse(text.c_str());
    const int cursor = parsed.error != nullptr ? parsed.error->cursorpos : 0;
    pg_query_free_parse_result(parsed);
    if (cursor <= 0) {
      return blanked;
    }
    auto at = byte_offset_of_character(text, cursor - 1);
    if (text.compare(at, k_no_break_space.size(), k_no_break_space) != 0 ||
        !ends_between_statements(text.substr(0, at))) {
      return blanked;  // another syntax error, for check to name
    }
    // The whole run of them and blanks: the lexer read it as one word.
    while (at < text.size()) {
      if (text.compare(at, k_no_break_space.size(), k_no_break_space) == 0) {
        text.replace(at, k_no_break_space.size(), "  ");
        at += k_no_break_space.size();
        ++blanked;
      } else if (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r') {
        ++at;
      } else {
        break;
      }
    }
  }
}

bool may_affect_transactions(std::string_view text) {
  return util::has_sql_word(text, {"begin", "start", "commit", "end", "rollback", "abort", "concurrently", "vacuum",
                                   "database", "tablespace", "system"});
}

FileStatements scan_sql_file(std::string_view text) {
  FileStatements out;
  const std::string input(text);
  PgQueryParseResult parsed = pg_query_parse(input.c_str());
  if (parsed.error != nullptr) {
    out.scanned = false;  // check reports the syntax error; the file runs with its defaults
    pg_query_free_parse_result(parsed);
    return out;
  }
  const auto tree = nlohmann::json::parse(parsed.parse_tree, nullptr, false);
  pg_query_free_parse_result(parsed);
  if (!tree.is_object() || !tree.contains("stmts")) {
    out.scanned = tree.is_object();
    return out;
  }
  for (const auto& raw : tree["stmts"]) {
    FileStatement s;
    // The parser places a statement just after the previous `;`, comments included, and
    // counts its length from there; its first token is where blanking it (a BEGIN wrapper)
    // starts, so that the comments stay.
    const auto location = raw.value("stmt_location", std::size_t{0});
    const auto length = raw.value("stmt_len", std::size_t{0});  // 0: to the end of the text
    s.begin = util::skip_blanks_and_comments(input, location);
    s.end = length == 0 ? input.size() : location + length;
    if (s.end < input.size() && input[s.end] == ';') {
      ++s.end;
    }
    if (raw.contains("stmt")) {
      classify(raw["stmt"], s);
    }
    out.statements.push_back(s);
  }
  return out;
}

}  // namespace migrator::plan
