#pragma once
// The top-level statements of a SQL migration file as PostgreSQL's own parser reads it
// (libpg_query): a `;` inside a string, a comment or a $$ body ends nothing. The plan reader
// needs only what decides how a file runs: whether it wraps itself in BEGIN ... COMMIT,
// controls transactions elsewhere, or holds a statement PostgreSQL refuses inside one.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrator::plan {

struct FileStatement {
  std::size_t begin = 0;  // byte offsets of its first token and just past its `;`
  std::size_t end = 0;
  bool begins_transaction = false;   // BEGIN, START TRANSACTION
  bool ends_transaction = false;     // COMMIT, END, ROLLBACK, ABORT (not ROLLBACK TO a savepoint)
  bool commits = false;              // COMMIT, END
  bool outside_transaction = false;  // CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM, ...
};

struct FileStatements {
  std::vector<FileStatement> statements;
  bool scanned = true;  // false: the text does not parse (check says where); nothing is known
};

FileStatements scan_sql_file(std::string_view text);

// False when no statement of `text` can control transactions or refuse to run inside one:
// none of the keywords that begin or mark such a statement (BEGIN, COMMIT, END, ROLLBACK,
// ABORT, START, CONCURRENTLY, VACUUM, DATABASE, TABLESPACE, SYSTEM) stands anywhere in it as
// a word, not even in a comment or a string. A keyword cannot be escaped or split, so a file
// without one needs no parse: on long histories the parse was a third of loading a plan.
bool may_affect_transactions(std::string_view text);

// Flyway (since 6.0) reads U+00A0, the no-break space, as a blank, and a script pasted from a
// web page may hold one between statements (DHIS2's V2_36_20__ ends a line with one after its
// `;`): Flyway sends nothing for it, where PostgreSQL's lexer takes it for a word and refuses
// the file. Each one that stands where a statement may begin becomes two spaces, so that every
// offset after it stays; one inside a statement is left for the parser to name. Returns how
// many were blanked.
std::size_t blank_no_break_spaces_between_statements(std::string& text);

}  // namespace migrator::plan
