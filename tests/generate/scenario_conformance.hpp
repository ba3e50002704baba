#pragma once
// The construction_receipts scenario applied through the runner on one backend, at a small
// scale (2,000 receipts) so the suite stays fast; the full 100,000 run is in the benchmark.
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace migrator::test {

// Runs the scenario's SECTIONs against a fresh database at `url`.
void construction_scenario_conformance(const std::string& url);

// Applies the whole scenario at `scale` to the database at `url`.
void apply_construction_scenario(db::Connection& db, double scale);

// Ordered aggregates of every loaded table as text, rows sorted on the client (the two
// databases collate text differently), for comparing what two backends hold.
std::vector<std::vector<db::Cell>> data_fingerprint(db::Connection& db);

}  // namespace migrator::test
