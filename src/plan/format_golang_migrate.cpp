// golang-migrate: VERSION_name.up.sql and VERSION_name.down.sql. golang-migrate sends a file
// as one multi-statement query, which PostgreSQL runs as one implicit transaction; so does
// migrator, unless the file holds a statement that cannot run in one (then, as there, it
// runs outside any).
#include <map>
#include <regex>

#include "plan/plan_file.hpp"
#include "plan/sql_file_migration.hpp"
#include "plan/sql_formats.hpp"

namespace migrator::plan::detail {

std::vector<Migration> read_golang_migrate(const DirListing& listing, core::Diagnostics& out, core::Diagnostics&) {
  // As golang-migrate reads names: the last .up. or .down., then anything (sql_formats.cpp).
  static const std::regex k_name(R"(([0-9]+)_(.+)\.(up|down)\.(.*\.)?sql)");
  struct Files {
    std::optional<std::filesystem::path> up;
    std::optional<std::filesystem::path> down;
    std::string name;
    std::string digits;
  };
  std::map<core::Version, Files> by_version;
  std::map<core::Version, std::filesystem::path> ups;
  std::map<core::Version, std::filesystem::path> downs;
  for (const auto& file : listing.sql_files) {
    const auto name = file.filename().string();
    std::smatch match;
    if (!std::regex_match(name, match, k_name)) {
      continue;
    }
    const auto version = parse_sql_version(match[1].str(), file, out);
    if (!version) {
      continue;
    }
    auto& files = by_version[*version];
    // One up and one down per version: each direction claims it on its own.
    auto& seen = match[3] == "up" ? ups : downs;
    if (!claim_version(seen, *version, file, out)) {
      continue;
    }
    (match[3] == "up" ? files.up : files.down) = file;
    if (match[3] == "up" || files.name.empty()) {
      files.name = match[2].str();
      files.digits = match[1].str();
    }
  }
  std::vector<Migration> migrations;
  for (const auto& [version, files] : by_version) {
    if (!files.up) {
      out.push_back({{*files.down, 0, 0}, "", "a down migration without its up (" + files.digits + "_" + files.name + ".up.sql)",
                     "add the up file, or remove this one"});
      continue;
    }
    const auto up = read_plan_text(*files.up, out);
    const auto down = files.down ? read_plan_text(*files.down, out) : std::optional<std::string>();
    if (!up || (files.down && !down)) {
      continue;
    }
    SqlFileParts parts;
    parts.version = version;
    parts.name = readable_name(files.name);
    parts.file = *files.up;
    parts.up = {*files.up, *up, 1};
    if (files.down) {
      parts.down = SqlSection{*files.down, *down, 1};
    }
    parts.missing_down = files.digits + "_" + files.name + ".down.sql";
    parts.rule = TransactionRule::as_postgres_would;
    // The separator cannot occur in either file: their edits never cancel out.
    parts.checksum_text = *up + '\0' + down.value_or("");
    migrations.push_back(sql_file_migration(parts));
  }
  return migrations;
}

}  // namespace migrator::plan::detail
