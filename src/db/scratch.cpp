#include "db/scratch.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "db/connection.hpp"
#include "util/sql_quote.hpp"

namespace migrator::db {

ScratchDatabase::ScratchDatabase(const Url& base, const std::string& purpose, const std::string& copy_of)
    : m_base(base) {
  if (base.dialect == core::Dialect::sqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "migrator-scratch.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw core::ConnectError("cannot create a temporary directory for a scratch database");
    }
    m_sqlite_dir = pattern;
    const auto file = m_sqlite_dir / (purpose + ".db");
    m_url = parse_url("sqlite:" + file.string());
    m_url.sqlite_synchronous = base.sqlite_synchronous;  // a scratch copy syncs as the database it stands for
    if (!copy_of.empty()) {
      std::error_code error;
      // copy_file says nothing useful of a missing source ("Success"): ask first.
      const bool exists = std::filesystem::is_regular_file(copy_of, error);
      const auto why = !exists ? std::string("no such file") : std::string();
      if (exists) {
        std::filesystem::copy_file(copy_of, file, error);
      }
      if (!exists || error) {
        const auto reason = why.empty() ? error.message() : why;
        std::filesystem::remove_all(m_sqlite_dir, error);
        throw core::UsageError("cannot copy \"" + copy_of + "\" to rehearse on: " + reason,
                               "give --template the path of a SQLite database file");
      }
    }
    return;
  }
  std::random_device random;
  m_pg_name = "migrator_" + purpose + "_" + std::to_string(getpid()) + "_" + std::to_string(random() % 100000);
  if (copy_of.empty()) {
    open(base)->exec("CREATE DATABASE " + m_pg_name);
  } else {
    try {
      open(base)->exec("CREATE DATABASE " + m_pg_name + " TEMPLATE " + util::sql_identifier(copy_of));
    } catch (const SqlError& e) {
      throw core::UsageError("cannot copy the database \"" + copy_of + "\" to rehearse on: " + e.db_message(),
                             e.code() == "55006" ? "PostgreSQL copies a database only while no one is connected to it: "
                                                   "use a copy of staging that nothing else uses"
                                                 : "give --template the name of a database on the --db server");
    }
  }
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
