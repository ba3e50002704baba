// A scratch database on PostgreSQL is dropped; one that cannot be dropped is named, with the
// statement that drops it, after a few tries.
#include "db/scratch.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "db/connection.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace db = migrator::db;
namespace test = migrator::test;

namespace {

// What `action` writes to this process's stderr.
template <typename Fn>
std::string stderr_of(const test::TempDir& dir, Fn&& action) {
  const auto file = dir / "stderr.txt";
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  REQUIRE(std::freopen(file.c_str(), "w", stderr) != nullptr);
  action();
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("postgres scratch: dropped at the end, or named with how to drop it", "[db][postgres]") {
  const auto admin_url = test::postgres_admin_url();
  auto admin = test::connect(admin_url);
  const auto count = [&](const std::string& name) {
    return test::scalar(*admin, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'");
  };
  std::string name;
  {
    db::ScratchDatabase scratch(db::parse_url(admin_url), "scratch_test");
    name = scratch.url().redacted.substr(scratch.url().redacted.rfind('/') + 1);
    CHECK(count(name) == "1");
  }
  CHECK(count(name) == "0");

  // A role that may create databases, whose scratch database is then given to another owner:
  // it cannot drop it.
  const auto role = "migrator_scratch_" + std::to_string(getpid());
  admin->exec("CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD 'scratch-pw'");
  const auto at = admin_url.find("://") + 3;
  const auto role_url = admin_url.substr(0, at) + role + ":scratch-pw@" + admin_url.substr(admin_url.find('@') + 1);
  const test::TempDir dir;
  const auto said = stderr_of(dir, [&] {
    db::ScratchDatabase scratch(db::parse_url(role_url), "scratch_test");
    name = scratch.url().redacted.substr(scratch.url().redacted.rfind('/') + 1);
    admin->exec("ALTER DATABASE " + name + " OWNER TO CURRENT_USER");
  });
  CHECK(count(name) == "1");
  CHECK_THAT(said, Catch::StartsWith("migrator: warning: the scratch database " + name + " on postgresql://" + role +
                                     ":***@") &&
                       Catch::Contains("must be owner of database " + name) &&
                       Catch::EndsWith("drop it with: DROP DATABASE " + name + " WITH (FORCE);\n"));
  CHECK(said.find("scratch-pw") == std::string::npos);
  admin->exec("DROP DATABASE " + name + " WITH (FORCE)");
  admin->exec("DROP ROLE " + role);
}
