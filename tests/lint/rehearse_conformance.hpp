#pragma once
// What check --rehearse must find, run against a server URL (a scratch SQLite file is made
// from any sqlite: URL, a scratch database on a PostgreSQL server).
#include <string>

namespace migrator::test {

void rehearse_conformance(const std::string& server_url);
// Every plan under scenarios/ passes the static check and the rehearsal.
void rehearse_scenarios(const std::string& server_url);

}  // namespace migrator::test
