#pragma once
// The --format json documents. Field names are part of the interface scripts rely on.
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/error.hpp"
#include "report/json_recorder.hpp"
#include "runner/runner.hpp"

namespace migrator::report {

// Every --format json document carries it; docs/json.md says what each version holds.
inline constexpr int k_json_format_version = 1;

// A version as JSON: a number, or for a Flyway dotted version its text ("1.1"): its key
// is above 2^53, where a JSON reader that keeps numbers as doubles loses digits.
nlohmann::json version_json(core::Version version);

nlohmann::json to_json(const std::vector<runner::DefinitionChange>& changes);
nlohmann::json to_json(const runner::VerifyReport& report);
nlohmann::json to_json(const std::vector<runner::VersionStatus>& rows);
nlohmann::json error_json(const core::Error& error);

// apply and rollback, done or failed, in one shape: what the recorder saw, the versions
// (null when it failed: the error's hint says where the database is), and the error (null
// when it succeeded).
nlohmann::json run_json(std::string_view plan, bool dry_run, const JsonRecorder& recorder,
                        const runner::RunReport* report, const core::Error* error);

}  // namespace migrator::report
