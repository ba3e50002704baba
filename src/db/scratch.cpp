#include "db/scratch.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

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
  if (!m_sqlite_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(m_sqlite_dir, ignored);
  }
  if (m_pg_name.empty()) {
    return;
  }
  // WITH (FORCE) ends other sessions, yet an autovacuum worker starting on the new database
  // can still make it refuse: try again a moment later, then say what was left and how to
  // drop it (a destructor must not throw).
  std::string reason;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    try {
      open(m_base)->exec("DROP DATABASE IF EXISTS " + m_pg_name + " WITH (FORCE)");
      return;
    } catch (const std::exception& e) {
      reason = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250 * attempt));
  }
  std::fprintf(stderr,
               "migrator: warning: the scratch database %s on %s was left behind (%s); drop it with: "
               "DROP DATABASE %s WITH (FORCE);\n",
               m_pg_name.c_str(), m_base.redacted.c_str(), reason.c_str(), m_pg_name.c_str());
}

}  // namespace migrator::db
