#pragma once
// What is wrong with the file a sqlite: URL names, said before SQLite opens it: SQLite's own
// "unable to open database file" and "disk I/O error" (for /dev/null) do not say, and no
// server is involved, so "is the server running?" misleads.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace migrator::db::sqlite {

// Throws core::ConnectError (exit 3) naming the problem when `path` cannot be an SQLite
// database: its directory is missing or not a directory, it is a directory, a device or a
// FIFO, or it cannot be read. A missing file in an existing directory is fine (SQLite
// creates it), as is ":memory:". Looks with stat and access only: opening the file here and
// closing it would drop any POSIX lock another connection of this process holds on it
// (sqlite_writeback.hpp says more).
void check_database_file(const std::string& path, std::string_view describe);

// The error for a file SQLite found not to be a database (SQLITE_NOTADB).
core::ConnectError not_a_database_error(const std::string& path, std::string_view describe);

// The one path a database is opened and locked by: links resolved, so that every name of
// it shares one journal and one migration lock. SQLite names its journal after the path it
// was given; two names of one file are a documented way to corrupt it (sqlite.org,
// "How To Corrupt An SQLite Database File", 2.5). A file with several hard links cannot be
// given one name, and is refused (core::ConnectError) rather than risked.
std::string identity_path(const std::string& path, std::string_view describe);

}  // namespace migrator::db::sqlite
