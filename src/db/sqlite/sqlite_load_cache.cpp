#include "db/sqlite/sqlite_load_cache.hpp"

#include "db/sqlite/sqlite_connection.hpp"

namespace migrator::db::sqlite {

LoadCache::LoadCache(SqliteConnection& connection)
    : m_connection(connection),
      m_previous(connection.query("PRAGMA cache_size").rows.at(0).at(0).value_or("-2000")) {
  m_connection.exec(std::string("PRAGMA cache_size = ") + k_size);
}

LoadCache::~LoadCache() {
  try {
    m_connection.exec("PRAGMA cache_size = " + m_previous);
  } catch (...) {
    // A destructor must not throw; a cache left larger only costs memory until disconnect.
  }
}

}  // namespace migrator::db::sqlite
