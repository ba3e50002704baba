#pragma once
#include <string>

namespace migrator::test {

// The CLI's behaviour through the built binary against the database at `url`: exit codes,
// messages, concurrent runs, killed runs. One case per backend calls it.
void cli_conformance(const std::string& url);

}  // namespace migrator::test
