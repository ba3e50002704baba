#include "plan/sql_formats.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <regex>
#include <string_view>

#include "plan/plan_file.hpp"

namespace migrator::plan {

namespace {

// The file name forms, matched by hand: a plan of 10,000 files asked std::regex about every
// name four times, a tenth of loading it. tests/plan/sql_formats_test.cpp holds the regular
// expressions each one matches exactly as.
bool digit(char c) { return c >= '0' && c <= '9'; }

// From `at`: at least one character (none a line break, as a regex's `.`), then `suffix`.
bool some_then(std::string_view name, std::size_t at, std::string_view suffix) {
  return name.size() >= at + 1 + suffix.size() && name.ends_with(suffix) &&
         name.substr(at, name.size() - at - suffix.size()).find_first_of("\r\n") == std::string_view::npos;
}

// Past `[0-9]+_` (or `[0-9][0-9-]*_` with dashes), or npos.
std::size_t past_number(std::string_view name, bool dashes) {
  if (name.empty() || !digit(name[0])) {
    return std::string_view::npos;
  }
  std::size_t i = 1;
  while (i < name.size() && (digit(name[i]) || (dashes && name[i] == '-'))) {
    ++i;
  }
  return i < name.size() && name[i] == '_' ? i + 1 : std::string_view::npos;
}

bool diesel_folder(std::string_view name) {  // [0-9][0-9-]*_.+
  const auto at = past_number(name, true);
  return at != std::string_view::npos && some_then(name, at, "");
}

// golang-migrate reads `([0-9]+)_(.*)\.(up|down)\.(.*)`, whatever comes after the direction:
// stash's `30_ignore_autotag.up..sql` is its migration 30. Of .sql files, then:
bool golang_migrate_file(std::string_view name) {  // [0-9]+_.+\.(up|down)\.(.*\.)?sql
  const auto at = past_number(name, false);
  if (at == std::string_view::npos || name.find_first_of("\r\n") != std::string_view::npos) {
    return false;
  }
  for (std::size_t p = at + 1; p < name.size(); ++p) {
    for (const std::string_view direction : {".up.", ".down."}) {
      if (name.substr(p).starts_with(direction)) {
        const auto rest = name.substr(p + direction.size());
        if (rest == "sql" || rest.ends_with(".sql")) {
          return true;
        }
      }
    }
  }
  return false;
}

bool flyway_file(std::string_view name) {  // [VU][0-9][0-9._]*__.+\.sql|R__.+\.sql
  if (name.starts_with("R__")) {
    return some_then(name, 3, ".sql");
  }
  if (name.size() < 2 || (name[0] != 'V' && name[0] != 'U') || !digit(name[1])) {
    return false;
  }
  // The first "__" inside the run of [0-9._] leaves the most for the description.
  for (std::size_t i = 2; i + 1 < name.size() && (digit(name[i]) || name[i] == '.' || name[i] == '_'); ++i) {
    if (name[i] == '_' && name[i + 1] == '_') {
      return some_then(name, i + 2, ".sql");
    }
  }
  return false;
}

bool dbmate_file(std::string_view name) {  // [0-9]+_.+\.sql
  const auto at = past_number(name, false);
  return at != std::string_view::npos && some_then(name, at, ".sql");
}

}  // namespace

std::optional<PlanFormat> sql_file_format(const std::string& name, bool is_directory) {
  if (is_directory) {
    return diesel_folder(name) ? std::optional(PlanFormat::diesel) : std::nullopt;
  }
  if (golang_migrate_file(name)) {
    return PlanFormat::golang_migrate;
  }
  if (flyway_file(name)) {
    return PlanFormat::flyway;
  }
  if (dbmate_file(name)) {
    return PlanFormat::dbmate;
  }
  return std::nullopt;
}

PlanFormat detect_format(const DirListing& listing, core::Diagnostics& out) {
  // The first file of each form found, to name in a "mixed" error.
  std::map<PlanFormat, std::filesystem::path> found;
  if (!listing.migration_files.empty()) {
    found.emplace(PlanFormat::migrator, listing.migration_files.front());
  }
  for (const auto& file : listing.sql_files) {
    if (const auto format = sql_file_format(file.filename().string(), false)) {
      found.emplace(*format, file);
    }
  }
  for (const auto& folder : listing.sql_folders) {
    if (sql_file_format(folder, true) && std::filesystem::exists(listing.dir / folder / "up.sql")) {
      found.emplace(PlanFormat::diesel, listing.dir / folder / "up.sql");
    }
  }
  if (found.empty()) {
    return PlanFormat::migrator;
  }
  if (found.size() > 1) {
    std::string forms;
    for (const auto& [format, file] : found) {
      forms += (forms.empty() ? "" : ", ") + std::string(to_string(format)) + " (" +
               file.lexically_relative(listing.dir).string() + ")";
    }
    out.push_back({{listing.dir, 0, 0}, "",
                   "the directory mixes the migration files of several tools: " + forms,
                   "a plan is in one form; move the others into a plan directory of their own"});
  }
  return found.begin()->first;
}

std::size_t migration_file_count(const DirListing& listing) {
  std::size_t count = listing.migration_files.size();
  for (const auto& file : listing.sql_files) {
    count += sql_file_format(file.filename().string(), false) ? 1 : 0;
  }
  for (const auto& folder : listing.sql_folders) {
    if (sql_file_format(folder, true)) {
      std::error_code ec;
      count += std::filesystem::exists(listing.dir / folder / "up.sql", ec) ? 1 : 0;
      count += std::filesystem::exists(listing.dir / folder / "down.sql", ec) ? 1 : 0;
    }
  }
  return count;
}

std::vector<Migration> read_sql_plan(PlanFormat format, const DirListing& listing, core::Diagnostics& out,
                                     core::Diagnostics& warnings) {
  switch (format) {
    case PlanFormat::dbmate: return detail::read_dbmate(listing, out, warnings);
    case PlanFormat::golang_migrate: return detail::read_golang_migrate(listing, out, warnings);
    case PlanFormat::flyway: return detail::read_flyway(listing, out, warnings);
    case PlanFormat::diesel: return detail::read_diesel(listing, out, warnings);
    case PlanFormat::migrator: break;
  }
  return {};
}

namespace detail {

std::optional<core::Version> parse_sql_version(const std::string& digits, const std::filesystem::path& file,
                                               core::Diagnostics& out) {
  core::Version version = 0;
  const auto [end, parsed] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (digits.empty() || digits.size() > 18 || parsed != std::errc{} || end != digits.data() + digits.size()) {
    out.push_back({{file, 0, 0}, "", "version \"" + digits + "\" is not a whole number of at most 18 digits",
                   "migrator keeps versions as 64-bit integers: a number, or a UTC time like 20240101120000"});
    return std::nullopt;
  }
  return version;
}

namespace {

std::optional<std::vector<std::uint64_t>> significant_parts(const std::string& text) {
  auto parts = core::version_parts(text);
  while (parts && parts->size() > 1 && parts->back() == 0) {
    parts->pop_back();
  }
  return parts;
}

}  // namespace

bool is_dotted_text(const std::string& text) {
  const auto parts = significant_parts(text);
  return parts && parts->size() > 1;
}

std::optional<core::Version> written_version(const std::string& text, bool dotted, const std::filesystem::path& file,
                                             core::Diagnostics& out) {
  const bool whole = text.find_first_of("._") == std::string::npos;
  if (whole && !dotted) {
    return parse_sql_version(text, file, out);  // its digits checked as they stand ("003")
  }
  const auto parts = significant_parts(text);
  if (!parts) {
    out.push_back({{file, 0, 0}, "", "version \"" + text + "\" is not whole numbers separated by dots",
                   "versions read like 1, 1.1, 2.0.3 or 1_1 (an underscore is a dot)"});
    return std::nullopt;
  }
  if (!dotted) {
    return parse_sql_version(std::to_string(parts->front()), file, out);  // 1.0 is 1
  }
  const auto key = core::dotted_version(*parts);
  if (!key) {
    out.push_back({{file, 0, 0}, "", "version \"" + text + "\" is too long for a dotted version",
                   "a dotted version fits about six short parts, or a timestamp and two more"});
  }
  return key;
}

std::string readable_name(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::optional<bool> boolean_setting(const std::filesystem::path& file, const std::regex& setting) {
  std::ifstream in(file);
  std::optional<bool> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    std::smatch match;
    if (std::regex_match(line, match, setting)) {
      out = match[1] == "true";
    }
  }
  return out;
}

bool claim_version(std::map<core::Version, std::filesystem::path>& seen, core::Version version,
                   const std::filesystem::path& file, core::Diagnostics& out) {
  const auto [it, fresh] = seen.emplace(version, file);
  if (!fresh) {
    out.push_back({{file, 0, 0}, "",
                   "duplicate version " + core::version_text(version) + ", also in \"" +
                       it->second.filename().string() + "\"",
                   "give each migration its own version number"});
  }
  return fresh;
}

}  // namespace detail
}  // namespace migrator::plan
