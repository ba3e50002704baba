#pragma once
// The --format json documents. Field names are part of the interface scripts rely on.
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/error.hpp"
#include "runner/runner.hpp"

namespace migrator::report {

nlohmann::json to_json(const runner::RunReport& report);
nlohmann::json to_json(const std::vector<runner::DefinitionChange>& changes);
nlohmann::json to_json(const runner::VerifyReport& report);
nlohmann::json to_json(const std::vector<runner::VersionStatus>& rows);
nlohmann::json error_json(const core::Error& error);

}  // namespace migrator::report
