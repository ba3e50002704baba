#pragma once
// The forms a plan directory may take: migrator's own YAML, or another tool's SQL files,
// read as they are.
#include <optional>
#include <string_view>

namespace migrator::plan {

enum class PlanFormat { migrator, dbmate, golang_migrate, flyway, diesel };

constexpr std::string_view to_string(PlanFormat format) {
  switch (format) {
    case PlanFormat::migrator: return "migrator";
    case PlanFormat::dbmate: return "dbmate";
    case PlanFormat::golang_migrate: return "golang-migrate";
    case PlanFormat::flyway: return "flyway";
    case PlanFormat::diesel: return "diesel";
  }
  return "migrator";
}

constexpr std::optional<PlanFormat> plan_format_from_string(std::string_view name) {
  for (auto format : {PlanFormat::migrator, PlanFormat::dbmate, PlanFormat::golang_migrate,
                      PlanFormat::flyway, PlanFormat::diesel}) {
    if (name == to_string(format)) {
      return format;
    }
  }
  return std::nullopt;
}

// How each of the other tools names its files, for messages.
constexpr std::string_view file_form(PlanFormat format) {
  switch (format) {
    case PlanFormat::migrator: return "NNN_name.yaml";
    case PlanFormat::dbmate: return "VERSION_name.sql with -- migrate:up and -- migrate:down";
    case PlanFormat::golang_migrate: return "VERSION_name.up.sql and VERSION_name.down.sql";
    case PlanFormat::flyway: return "V<version>__<description>.sql, U<version>__<description>.sql";
    case PlanFormat::diesel: return "YYYY-MM-DD-HHMMSS_name/up.sql and down.sql";
  }
  return "";
}

}  // namespace migrator::plan
