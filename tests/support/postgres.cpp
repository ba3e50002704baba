#include "support/postgres.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace migrator::test {
namespace {

void admin_exec(const std::string& admin_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL server: " + message);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) {
    throw std::runtime_error(sql + ": " + message);
  }
}

}  // namespace

std::string postgres_admin_url() {
  const char* url = std::getenv("MIGRATOR_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "MIGRATOR_TEST_PG_URL is not set: PostgreSQL tests need a server. Run the suite "
        "through scripts/test (or .ci/run), which starts a throwaway one, or run "
        "`ctest -LE postgres` for the SQLite tests alone");
  }
  return url;
}

PostgresDatabase::PostgresDatabase() : m_admin_url(postgres_admin_url()) {
  std::random_device random;
  m_name = "migrator_test_" + std::to_string(random()) + std::to_string(random() % 1000);
  admin_exec(m_admin_url, "CREATE DATABASE " + m_name);
  const auto slash = m_admin_url.rfind('/');
  m_url = m_admin_url.substr(0, slash + 1) + m_name;
}

PostgresDatabase::~PostgresDatabase() {
  try {
    admin_exec(m_admin_url, "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
  } catch (...) {
    // A destructor must not throw; the throwaway server is removed after the run anyway.
  }
}

}  // namespace migrator::test
