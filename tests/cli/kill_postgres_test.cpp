#include <catch2/catch.hpp>

#include "cli/kill_conformance.hpp"
#include "support/postgres.hpp"

TEST_CASE("kill trials: PostgreSQL keeps history and data in agreement through kill -9", "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  migrator::test::kill_conformance(database.url(), 24);
}
