// The URL's scheme picks the backend (dbmate registers drivers by scheme the same way).
#include "db/connection.hpp"
#include "db/postgres/pg_connection.hpp"
#include "db/sqlite/sqlite_connection.hpp"

namespace migrator::db {

std::unique_ptr<Connection> open(const Url& url) {
  switch (url.dialect) {
    case core::Dialect::sqlite:
      return std::make_unique<sqlite::SqliteConnection>(url);
    case core::Dialect::postgres:
      return std::make_unique<postgres::PgConnection>(url);
  }
  throw std::logic_error("db::open: unknown dialect");
}

}  // namespace migrator::db
