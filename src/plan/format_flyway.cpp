// Flyway: V<version>__<description>.sql, its undo U<version>__<description>.sql (Flyway
// Teams), repeatables R__<description>.sql, and per-script settings in <script>.conf
// (executeInTransaction). Flyway, like migrator, runs a script outside a transaction when
// it holds a statement PostgreSQL refuses inside one.
#include <algorithm>
#include <map>
#include <regex>

#include "plan/plan_file.hpp"
#include "plan/sql_file_migration.hpp"
#include "plan/sql_file_scan.hpp"
#include "plan/sql_formats.hpp"

namespace migrator::plan::detail {
namespace {

// executeInTransaction from the script's .conf file, when it has one that says.
std::optional<bool> execute_in_transaction(const std::filesystem::path& script) {
  static const std::regex k_setting(R"(\s*executeInTransaction\s*=\s*(true|false)\s*)");
  return boolean_setting(script.string() + ".conf", k_setting);
}

// One V or U script, its version as written (detail::written_version keys it).
struct FlywayScript {
  std::filesystem::path file;
  std::string written;                // "1_1" as in the file name
  bool undo = false;
  std::string description;
};

std::optional<FlywayScript> read_script_name(const std::filesystem::path& file) {
  static const std::regex k_name(R"(([VU])([0-9][0-9._]*)__(.+)\.sql)");
  const auto name = file.filename().string();
  std::smatch match;
  if (!std::regex_match(name, match, k_name)) {
    return std::nullopt;
  }
  return FlywayScript{file, match[2].str(), match[1] == "U", match[3].str()};
}

// The text as Flyway sends it: no-break spaces between statements are blanks to Flyway
// (sql_file_scan.hpp). The checksum stays that of the file.
std::string as_flyway_sends(std::string text) {
  blank_no_break_spaces_between_statements(text);
  return text;
}

// R__<description>.sql: a repeatable migration (the loader keeps it apart from the versions).
std::optional<Migration> read_repeatable(const std::filesystem::path& file, core::Diagnostics& out) {
  const auto text = read_plan_text(file, out);
  if (!text) {
    return std::nullopt;
  }
  const auto description = file.stem().string().substr(3);
  SqlFileParts parts;
  parts.name = readable_name(description);
  parts.file = file;
  parts.up = {file, as_flyway_sends(*text), 1};
  parts.missing_down = "Flyway's repeatable migrations have none";
  parts.rule = TransactionRule::as_postgres_would;
  parts.transaction = execute_in_transaction(file);
  parts.checksum_text = *text;
  auto migration = sql_file_migration(parts);
  migration.repeatable = true;
  return migration;
}

}  // namespace

std::vector<Migration> read_flyway(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& /*warnings*/) {
  std::vector<FlywayScript> scripts;
  std::vector<Migration> migrations;
  for (const auto& file : listing.sql_files) {
    if (file.filename().string().starts_with("R__")) {
      if (auto repeatable = read_repeatable(file, out)) {
        migrations.push_back(std::move(*repeatable));
      }
    } else if (auto script = read_script_name(file)) {
      scripts.push_back(std::move(*script));
    }
  }
  const bool dotted = std::any_of(scripts.begin(), scripts.end(), [](const auto& s) { return is_dotted_text(s.written); });
  std::map<core::Version, std::filesystem::path> ups;
  std::map<core::Version, std::filesystem::path> undos;
  std::map<core::Version, const FlywayScript*> written;
  for (const auto& script : scripts) {
    const auto version = written_version(script.written, dotted, script.file, out);
    if (!version || !claim_version(script.undo ? undos : ups, *version, script.file, out)) {
      continue;
    }
    if (!script.undo) {
      written[*version] = &script;
    }
  }
  for (const auto& [version, file] : ups) {
    const auto undo = undos.find(version);
    const auto up = read_plan_text(file, out);
    const auto down = undo != undos.end() ? read_plan_text(undo->second, out) : std::optional<std::string>();
    if (!up || (undo != undos.end() && !down)) {
      continue;
    }
    SqlFileParts parts;
    parts.version = version;
    parts.name = readable_name(written[version]->description);
    parts.file = file;
    parts.up = {file, as_flyway_sends(*up), 1};
    if (undo != undos.end()) {
      parts.down = SqlSection{undo->second, as_flyway_sends(*down), 1};
    }
    parts.missing_down = "U" + written[version]->written + "__" + written[version]->description + ".sql";
    parts.rule = TransactionRule::as_postgres_would;
    parts.transaction = execute_in_transaction(file);
    parts.checksum_text = *up + '\0' + down.value_or("");
    migrations.push_back(sql_file_migration(parts));
  }
  for (const auto& [version, file] : undos) {
    if (!ups.count(version)) {
      out.push_back({{file, 0, 0}, "", "an undo migration without its V" + core::version_text(version) + "__ script",
                     "add the versioned script, or remove this one"});
    }
  }
  return migrations;
}

}  // namespace migrator::plan::detail
