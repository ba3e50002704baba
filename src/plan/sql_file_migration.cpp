#include "plan/sql_file_migration.hpp"

#include <algorithm>

#include "plan/sql_file_scan.hpp"
#include "util/sha256.hpp"

namespace migrator::plan {
namespace {

// Spaces over [begin, end), newlines kept: error positions and lines stay those of the file.
void blank(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') {
      text[i] = ' ';
    }
  }
}

struct Prepared {
  std::string text;
  bool controls_transactions = false;  // beyond a BEGIN ... COMMIT wrapper
  bool outside_transaction = false;
};

Prepared prepare(const std::string& text) {
  Prepared out{text};
  if (!may_affect_transactions(text)) {
    return out;
  }
  const auto scan = scan_sql_file(text);
  auto statements = scan.statements;
  // Only a wrapper that commits: a file ending in ROLLBACK means its work to be undone.
  if (statements.size() >= 2 && statements.front().begins_transaction && statements.back().commits) {
    blank(out.text, statements.front().begin, statements.front().end);
    blank(out.text, statements.back().begin, statements.back().end);
    statements = {statements.begin() + 1, statements.end() - 1};
  }
  for (const auto& s : statements) {
    out.controls_transactions = out.controls_transactions || s.begins_transaction || s.ends_transaction;
    out.outside_transaction = out.outside_transaction || s.outside_transaction;
  }
  return out;
}

Sql sql_of(const SqlSection& section, std::string text) {
  Sql sql;
  sql.common = SqlText{std::move(text), core::SourceLoc{section.file, section.line, 1}};
  return sql;
}

// A file named as its tool names it: the file, or diesel's folder/up.sql.
std::string tool_name(const std::filesystem::path& file) {
  const auto name = file.filename();
  return name == "up.sql" || name == "down.sql" ? (file.parent_path().filename() / name).string() : name.string();
}

}  // namespace

Migration sql_file_migration(const SqlFileParts& parts) {
  Migration m;
  m.version = parts.version;
  m.name = parts.name;
  m.file = parts.file;
  m.loc = {parts.up.file, 1, 1};
  m.sha256 = util::sha256_hex_normalized(parts.checksum_text);

  const auto up = prepare(parts.up.text);
  const auto down = parts.down ? prepare(parts.down->text) : Prepared{};
  // One setting covers both directions, as in the source tools.
  const bool runs_outside = parts.rule == TransactionRule::as_postgres_would &&
                            (up.outside_transaction || down.outside_transaction);
  m.transaction = parts.transaction.value_or(!runs_outside) && !up.controls_transactions &&
                  !down.controls_transactions;

  Step step;
  step.name = tool_name(parts.up.file);
  step.loc = m.loc;
  step.action = sql_of(parts.up, up.text);
  if (parts.down) {
    if (parts.down->file != parts.up.file) {
      step.rollback_name = tool_name(parts.down->file);
    }
    step.rollback = Action(sql_of(*parts.down, down.text));
  } else {
    step.irreversible = "there is no down migration (" + parts.missing_down + ")";
  }
  m.steps.push_back(std::move(step));
  return m;
}

}  // namespace migrator::plan
