#pragma once
// What is wrong with the file a sqlite: URL names, said before SQLite opens it: SQLite's own
// "unable to open database file" and "disk I/O error" (for /dev/null) do not say, and no
// server is involved, so "is the server running?" misleads.
#include <string>
#include <string_view>

namespace migrator::db::sqlite {

// Throws core::ConnectError (exit 3) naming the problem when `path` cannot be an SQLite
// database: its directory is missing or not a directory, it is a directory, a device or a
// FIFO, or it is a non-empty file that does not start with SQLite's header. A missing file
// in an existing directory is fine (SQLite creates it), as is ":memory:".
void check_database_file(const std::string& path, std::string_view describe);

// Whether `path`'s directory exists, so that a missing file there is simply not yet made.
bool directory_exists_for(const std::string& path);

}  // namespace migrator::db::sqlite
