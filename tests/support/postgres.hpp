#pragma once
// A scratch PostgreSQL database per test case: created from MIGRATOR_TEST_PG_URL (set by
// scripts/with-postgres) as migrator_test_<random>, dropped in the destructor.
// Without MIGRATOR_TEST_PG_URL the constructor throws, so a [postgres] test fails loudly:
// Catch2 v2 has no SKIP, and a test that returns early cannot fail.
#include <string>

namespace migrator::test {

class PostgresDatabase {
 public:
  PostgresDatabase();
  ~PostgresDatabase();
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  // postgresql://user:pass@host:port/migrator_test_xxx
  const std::string& url() const { return m_url; }
  const std::string& name() const { return m_name; }

 private:
  std::string m_admin_url;
  std::string m_name;
  std::string m_url;
};

// The admin URL from the environment; throws with a hint naming scripts/with-postgres.
std::string postgres_admin_url();

}  // namespace migrator::test
