// diesel: one folder per migration, YYYY-MM-DD-HHMMSS_name/up.sql and down.sql; the version
// is the stamp's digits (diesel's own 00000000000000_diesel_initial_setup is version 0).
// metadata.toml's run_in_transaction = false runs it outside a transaction.
#include <map>
#include <regex>

#include "plan/plan_file.hpp"
#include "plan/sql_file_migration.hpp"
#include "plan/sql_formats.hpp"

namespace migrator::plan::detail {
namespace {

// run_in_transaction from the folder's metadata.toml: only this one key is read.
std::optional<bool> run_in_transaction(const std::filesystem::path& folder) {
  static const std::regex k_setting(R"(\s*run_in_transaction\s*=\s*(true|false)\s*(#.*)?)");
  return boolean_setting(folder / "metadata.toml", k_setting);
}

}  // namespace

std::vector<Migration> read_diesel(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& warnings) {
  static const std::regex k_name(R"(([0-9][0-9-]*)_(.+))");
  std::vector<Migration> migrations;
  std::map<core::Version, std::filesystem::path> seen;
  for (const auto& folder_name : listing.sql_folders) {
    std::smatch match;
    if (!std::regex_match(folder_name, match, k_name)) {
      continue;
    }
    const auto folder = listing.dir / folder_name;
    const auto up_file = folder / "up.sql";
    const auto down_file = folder / "down.sql";
    std::error_code ec;
    if (!std::filesystem::exists(up_file, ec)) {
      warnings.push_back({{folder, 0, 0}, "", "a diesel migration folder without up.sql, not read",
                          "add its up.sql, or move the folder out of the plan"});
      continue;
    }
    auto digits = match[1].str();
    std::erase(digits, '-');
    const auto version = parse_sql_version(digits, up_file, out);
    const auto up = read_plan_text(up_file, out);
    const bool has_down = std::filesystem::exists(down_file, ec);
    const auto down = has_down ? read_plan_text(down_file, out) : std::optional<std::string>();
    if (!version || !up || (has_down && !down) || !claim_version(seen, *version, up_file, out)) {
      continue;
    }
    SqlFileParts parts;
    parts.version = *version;
    parts.name = readable_name(match[2].str());
    parts.file = up_file;
    parts.up = {up_file, *up, 1};
    if (has_down) {
      parts.down = SqlSection{down_file, *down, 1};
    }
    parts.missing_down = folder_name + "/down.sql";
    parts.transaction = run_in_transaction(folder);
    parts.checksum_text = *up + '\0' + down.value_or("");
    migrations.push_back(sql_file_migration(parts));
  }
  return migrations;
}

}  // namespace migrator::plan::detail
