#pragma once
// One migration of another tool's SQL-file plan (dbmate, golang-migrate, Flyway, diesel):
// one step, its SQL as written, the down SQL as its rollback. Each format's reader finds
// the texts; what they mean is decided here, once for all formats.
#include <filesystem>
#include <optional>
#include <string>

#include "core/migration_version.hpp"
#include "plan/model.hpp"

namespace migrator::plan {

// A SQL text cut from a file: the whole file, or a section of it (dbmate).
struct SqlSection {
  std::filesystem::path file;
  std::string text;
  int line = 1;  // of the text's first character in `file`
};

// How the source tool decides whether a file runs in a transaction.
enum class TransactionRule {
  always,          // unless the file says otherwise (dbmate's transaction:false, diesel's metadata.toml)
  as_postgres_would,  // golang-migrate and Flyway: a file holding a statement PostgreSQL refuses
                      // inside a transaction block (CREATE INDEX CONCURRENTLY) runs outside one
};

struct SqlFileParts {
  core::Version version = 0;
  std::string name;                   // as in the file name, underscores read as spaces
  SqlSection up;
  std::optional<SqlSection> down;     // nullopt: there is none, the migration is irreversible
  std::string missing_down;           // what the down would be called, for the message
  std::optional<bool> transaction;    // set when the file (or its settings) says
  TransactionRule rule = TransactionRule::always;
  std::string checksum_text;          // what the checksum covers (the up and down texts)
  std::filesystem::path file;         // the up file, the migration's own
};

// The migration: one step named after the up file. A file that wraps itself in BEGIN ...
// COMMIT has the two statements blanked (positions kept) and runs in migrator's own
// transaction, so that a failure still rolls back with the history row; one that controls
// transactions anywhere else runs as written, outside any (transaction: false).
Migration sql_file_migration(const SqlFileParts& parts);

}  // namespace migrator::plan
