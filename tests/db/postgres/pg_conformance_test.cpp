#include <catch2/catch.hpp>

#include "db/connection_conformance.hpp"
#include "support/postgres.hpp"

TEST_CASE("postgres connection: conformance", "[db][postgres]") {
  migrator::test::PostgresDatabase database;
  migrator::test::connection_conformance(database.url());
}
