#pragma once
// Opens a SQLite database through SOCI's sqlite3 backend and hands out the native handle.
// This is the only file that includes SOCI's sqlite3 header, which wraps <sqlite3.h> in
// namespace sqlite_api; everything else includes <sqlite3.h> itself and calls the C API.
#include <string>
#include <string_view>

#include "db/soci_session.hpp"

struct sqlite3;

namespace migrator::db::sqlite {

struct NativeSession {
  SessionPtr session;
  ::sqlite3* handle = nullptr;  // owned by `session`
};

// Opens `path` (creating the file when missing; ":memory:" too). Throws core::ConnectError
// naming `describe` (the redacted URL).
NativeSession open_session(const std::string& path, std::string_view describe);

}  // namespace migrator::db::sqlite
