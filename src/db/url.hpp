#pragma once
// Database URLs: sqlite:PATH, sqlite::memory:, postgresql://user:pass@host:port/db (postgres://).
// A sqlite URL takes one parameter, ?synchronous=normal|full|extra (PRAGMA synchronous).
#include <string>
#include <string_view>

#include "core/dialect.hpp"

namespace migrator::db {

struct Url {
  core::Dialect dialect = core::Dialect::sqlite;
  std::string sqlite_path;   // sqlite: file path, or ":memory:"
  std::string sqlite_synchronous;  // sqlite: ?synchronous=normal|full|extra; empty: SQLite's own (full)
  std::string conninfo;      // postgres: libpq keyword form (host= port= dbname= ...)
  std::string redacted;      // safe to print: the URL with any password replaced by ***
};

// Throws core::UsageError naming what is wrong and an example of a right URL.
Url parse_url(std::string_view url);

// `url` as URL text again, password included (postgresql://user:pass@host:port/db with
// sslmode and every other libpq setting as parameters): for handing a database to another
// program through its environment (DATABASE_URL), never for printing.
std::string url_text(const Url& url);

// The URL with its password replaced by "***"; used on every message that could carry one.
std::string redact_url(std::string_view url);

}  // namespace migrator::db
