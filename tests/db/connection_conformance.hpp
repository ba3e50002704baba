#pragma once
// The behaviour every db::Connection backend must show (golang-migrate's database/testing,
// sqitch's DBIEngineTest). Call it from a TEST_CASE whose fixture gives a fresh, empty
// database at `url` for every SECTION (Catch2 re-runs the case from the top per SECTION).
#include <string>

namespace migrator::test {

void connection_conformance(const std::string& url);

}  // namespace migrator::test
