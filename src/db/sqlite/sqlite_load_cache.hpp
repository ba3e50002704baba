#pragma once
// The page cache a bulk load wants, for as long as it runs: 64 MiB instead of SQLite's 2 MB
// default, so that the load's dirty pages spill to the file (each spill syncs the journal)
// far less often - receipts 500k -> 740k rows/s in bench construction_receipts. The previous
// size comes back when the scope ends. A bulk_load transaction holds one for all its tables;
// a bulk_insert outside one holds its own. Shrinking the cache between two tables of one
// load would force their pages out early, so a writer inside a bulk_load transaction does
// not touch it.
#include <string>

namespace migrator::db::sqlite {

class SqliteConnection;

class LoadCache {
 public:
  explicit LoadCache(SqliteConnection& connection);
  ~LoadCache();  // restores the previous size; never throws
  LoadCache(const LoadCache&) = delete;
  LoadCache& operator=(const LoadCache&) = delete;

  static constexpr const char* k_size = "-65536";  // KiB, as PRAGMA cache_size takes it

 private:
  SqliteConnection& m_connection;
  std::string m_previous;
};

}  // namespace migrator::db::sqlite
