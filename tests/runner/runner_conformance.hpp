#pragma once
#include <string>

namespace migrator::test {

// Every runner behaviour, as SECTIONs, against the database at `url` (fresh for each run of
// the enclosing TEST_CASE). Called by one case per backend.
void runner_conformance(const std::string& url);

}  // namespace migrator::test
