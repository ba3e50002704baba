#include "db/sqlite/sqlite_session.hpp"

#include "db/soci.hpp"
// After soci.hpp; declares the SQLite C API as sqlite_api::sqlite3_* (see the header).
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/errors.hpp"

namespace migrator::db::sqlite {

NativeSession open_session(const std::string& path, std::string_view describe) {
  // SOCI's connect-string parser splits on spaces and '=': a double-quoted value survives
  // both, but cannot itself hold a double quote.
  if (path.find('"') != std::string::npos) {
    throw connect_error(describe, "a file name with a double quote (\") is not supported");
  }
  NativeSession out;
  try {
    out.session.reset(new soci::session(soci::sqlite3, "db=\"" + path + "\""));
  } catch (const soci::soci_error& e) {
    throw connect_error(describe, connect_failure_reason(e.what()));
  }
  auto* backend = static_cast<soci::sqlite3_session_backend*>(out.session->get_backend());
  // sqlite_api::sqlite3 and ::sqlite3 name the same C struct in two namespaces.
  out.handle = reinterpret_cast<::sqlite3*>(backend->conn_);
  return out;
}

}  // namespace migrator::db::sqlite
