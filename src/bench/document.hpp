#pragma once
// The JSON document of a measurement run (`bench --out`, `--format json`, and what `--html`
// draws from): which migrator, which machine, which database, when; each case's figures go
// under "cases".
#include <nlohmann/json.hpp>

#include "db/url.hpp"

namespace migrator::bench {

// {"migrator", "machine": {"cores", "cpu", "memory_gb", "host" (user@host)}, "database", "measured_at",
//  "scale", "cases": {}}
nlohmann::json new_document(const db::Url& url, double scale);

}  // namespace migrator::bench
