// diesel: one folder per migration, YYYY-MM-DD-HHMMSS_name/up.sql and down.sql; the version
// is the stamp's digits (diesel's own 00000000000000_diesel_initial_setup is version 0).
// metadata.toml's run_in_transaction = false runs it outside a transaction.
//
// diesel orders versions as text. Its stamps grew from 14 digits (2017-01-01-120000) to 18
// (diesel 2: 2024-01-01-120000-0000), and a history that has both runs 2025-12-01-...-0000
// before 2026-01-20-162913, which as numbers comes first. So in a plan with both, the shorter
// stamps are keyed with zeros after them (201701011200000000): numbers then order as
// diesel's text does. Text puts a stamp before the longer one it begins (crates.io has
// 2026-05-27-120000_x and 2026-05-27-120000-0000_y): that short one is keyed one less.
// runner/dotted_keys.hpp finds a migration by its stamp as written, and re-keys history rows
// recorded before the plan's first 18-digit stamp.
#include <map>
#include <regex>
#include <set>

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
  // The longest stamp's digits, and the keys of the stamps that long.
  std::size_t stamp_digits = 0;
  std::set<std::string> longest;
  for (const auto& folder_name : listing.sql_folders) {
    if (const auto stamp = diesel_stamp(listing.dir / folder_name / "up.sql")) {
      if (stamp->size() > stamp_digits) {
        longest.clear();
        stamp_digits = stamp->size();
      }
      if (stamp->size() == stamp_digits) {
        longest.insert(*stamp);
      }
    }
  }
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
    auto digits = *diesel_stamp(up_file);  // k_name matched: the folder has one
    bool before_its_longer = false;
    if (digits.find_first_not_of('0') != std::string::npos && digits.size() < stamp_digits) {
      digits.append(stamp_digits - digits.size(), '0');
      before_its_longer = longest.count(digits) > 0;
    }
    auto version = parse_sql_version(digits, up_file, out);
    if (version && before_its_longer) {
      *version -= 1;
    }
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

std::string version_label(const Plan& plan, core::Version version) {
  const auto* m = plan.find(version);
  const auto stamp = m != nullptr ? diesel_stamp(m->file) : std::nullopt;
  return stamp.value_or(core::version_text(version));
}

}  // namespace migrator::plan::detail

namespace migrator::plan {

std::optional<std::string> diesel_stamp(const std::filesystem::path& up_file) {
  static const std::regex k_folder(R"(([0-9][0-9-]*)_.+)");
  std::smatch match;
  const auto folder = up_file.parent_path().filename().string();
  if (up_file.filename() != "up.sql" || !std::regex_match(folder, match, k_folder)) {
    return std::nullopt;
  }
  auto digits = match[1].str();
  std::erase(digits, '-');
  return digits;
}

std::string version_label(const Plan& plan, core::Version version) {
  const auto* m = plan.find(version);
  const auto stamp = m != nullptr ? diesel_stamp(m->file) : std::nullopt;
  return stamp.value_or(core::version_text(version));
}

}  // namespace migrator::plan
