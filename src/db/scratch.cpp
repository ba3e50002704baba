#include "db/scratch.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <random>

#include "db/connection.hpp"

namespace migrator::db {

ScratchDatabase::ScratchDatabase(const Url& base, const std::string& purpose) : m_base(base) {
  if (base.dialect == core::Dialect::sqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "migrator-scratch.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw core::ConnectError("cannot create a temporary directory for a scratch database");
    }
    m_sqlite_dir = pattern;
    m_url = parse_url("sqlite:" + (m_sqlite_dir / (purpose + ".db")).string());
    return;
  }
  std::random_device random;
  m_pg_name = "migrator_" + purpose + "_" + std::to_string(getpid()) + "_" + std::to_string(random() % 100000);
  open(base)->exec("CREATE DATABASE " + m_pg_name);
  m_url = base;
  // In a libpq connection string the last value of a keyword wins.
  m_url.conninfo += " dbname=" + m_pg_name;
  const auto query = base.redacted.find('?');
  const auto path = base.redacted.rfind('/', query);
  m_url.redacted = base.redacted.substr(0, path + 1) + m_pg_name;
}

ScratchDatabase::~ScratchDatabase() {
  try {
    if (!m_pg_name.empty()) {
      open(m_base)->exec("DROP DATABASE IF EXISTS " + m_pg_name + " WITH (FORCE)");
    }
    if (!m_sqlite_dir.empty()) {
      std::filesystem::remove_all(m_sqlite_dir);
    }
  } catch (...) {
    // A destructor must not throw; a leftover scratch database is named for what made it.
  }
}

}  // namespace migrator::db
