#include <catch2/catch.hpp>

#include "lint/rehearse_conformance.hpp"
#include "support/postgres.hpp"

TEST_CASE("rehearse: conformance on PostgreSQL", "[lint][postgres]") {
  migrator::test::rehearse_conformance(migrator::test::postgres_admin_url());
}

TEST_CASE("rehearse: every scenario passes check --rehearse on PostgreSQL", "[lint][postgres]") {
  migrator::test::rehearse_scenarios(migrator::test::postgres_admin_url());
}
