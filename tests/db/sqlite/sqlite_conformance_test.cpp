#include <catch2/catch.hpp>

#include "db/connection_conformance.hpp"
#include "support/temp_dir.hpp"

// A file database (not :memory:): the lock and the second connection need a file.
TEST_CASE("sqlite connection: conformance", "[db][sqlite]") {
  migrator::test::TempDir dir;
  migrator::test::connection_conformance("sqlite:" + (dir / "conformance.db").string());
}
