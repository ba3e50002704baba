// Flyway: V<version>__<description>.sql, its undo U<version>__<description>.sql (Flyway
// Teams), repeatables R__<description>.sql, and per-script settings in <script>.conf
// (executeInTransaction). Flyway, like migrator, runs a script outside a transaction when
// it holds a statement PostgreSQL refuses inside one.
#include <map>
#include <regex>

#include "plan/plan_file.hpp"
#include "plan/sql_file_migration.hpp"
#include "plan/sql_formats.hpp"

namespace migrator::plan::detail {
namespace {

// executeInTransaction from the script's .conf file, when it has one that says.
std::optional<bool> execute_in_transaction(const std::filesystem::path& script) {
  static const std::regex k_setting(R"(\s*executeInTransaction\s*=\s*(true|false)\s*)");
  return boolean_setting(script.string() + ".conf", k_setting);
}

}  // namespace

std::vector<Migration> read_flyway(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& warnings) {
  static const std::regex k_name(R"(([VU])([0-9][0-9._]*)__(.+)\.sql)");
  static const std::regex k_integer(R"([0-9]+)");
  std::map<core::Version, std::filesystem::path> ups;
  std::map<core::Version, std::filesystem::path> undos;
  std::map<core::Version, std::string> descriptions;
  for (const auto& file : listing.sql_files) {
    const auto name = file.filename().string();
    if (name.rfind("R__", 0) == 0) {
      warnings.push_back({{file, 0, 0}, "", "a Flyway repeatable migration: migrator does not run these yet",
                          "apply it by hand, or make it a versioned migration (V<next>__...)"});
      continue;
    }
    std::smatch match;
    if (!std::regex_match(name, match, k_name)) {
      continue;
    }
    const auto digits = match[2].str();
    if (!std::regex_match(digits, k_integer)) {
      out.push_back({{file, 0, 0}, "", "dotted version \"" + digits + "\": migrator reads whole-number Flyway versions only",
                     "rename to V<n>__ with n a whole number that keeps the order (V1_1 -> V11, say), "
                     "and baseline databases that applied it under the old name"});
      continue;
    }
    const auto version = parse_sql_version(digits, file, out);
    if (!version) {
      continue;
    }
    auto& slot = match[1] == "V" ? ups : undos;
    if (!claim_version(slot, *version, file, out)) {
      continue;
    }
    if (match[1] == "V") {
      descriptions[*version] = match[3].str();
    }
  }
  std::vector<Migration> migrations;
  for (const auto& [version, file] : ups) {
    const auto undo = undos.find(version);
    const auto up = read_plan_text(file, out);
    const auto down = undo != undos.end() ? read_plan_text(undo->second, out) : std::optional<std::string>();
    if (!up || (undo != undos.end() && !down)) {
      continue;
    }
    SqlFileParts parts;
    parts.version = version;
    parts.name = readable_name(descriptions[version]);
    parts.file = file;
    parts.up = {file, *up, 1};
    if (undo != undos.end()) {
      parts.down = SqlSection{undo->second, *down, 1};
    }
    parts.missing_down = "U" + std::to_string(version) + "__" + descriptions[version] + ".sql";
    parts.rule = TransactionRule::as_postgres_would;
    parts.transaction = execute_in_transaction(file);
    parts.checksum_text = *up + '\0' + down.value_or("");
    migrations.push_back(sql_file_migration(parts));
  }
  for (const auto& [version, file] : undos) {
    if (!ups.count(version)) {
      out.push_back({{file, 0, 0}, "", "an undo migration without its V" + std::to_string(version) + "__ script",
                     "add the versioned script, or remove this one"});
    }
  }
  return migrations;
}

}  // namespace migrator::plan::detail
