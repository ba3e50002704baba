// Reads a plan directory: plan.yaml (optional) and NNN_snake_name.yaml files.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "core/error.hpp"
#include "plan/atlas_sum.hpp"
#include "plan/dir_listing.hpp"
#include "plan/duration.hpp"
#include "plan/loader.hpp"
#include "plan/plan_file.hpp"
#include "plan/sql_formats.hpp"
#include "plan/yaml_reader.hpp"
#include "util/joined.hpp"

namespace migrator::plan {
namespace {

void parse_dialects(YamlReader& reader, const YAML::Node& node, Plan& plan) {
  if (!node.IsSequence() || node.size() == 0) {
    reader.error(node, "dialects", "expected a list of databases, like [postgres] or [sqlite, postgres]");
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto key = key_index("dialects", i);
    const auto name = reader.string(node[i], key);
    const auto dialect = name ? core::dialect_from_string(*name) : std::nullopt;
    if (name && !dialect) {
      reader.error(node[i], key, "unknown database \"" + *name + "\"", "write sqlite or postgres");
    } else if (dialect && std::find(plan.dialects.begin(), plan.dialects.end(), *dialect) == plan.dialects.end()) {
      plan.dialects.push_back(*dialect);
    }
  }
}

void parse_plan_file(const std::filesystem::path& file, Plan& plan, core::Diagnostics& out) {
  // A plan.yaml that cannot be read must not pass for an absent one: the plan would then be
  // named after its directory and apply would run every migration again as a new plan.
  const auto text = read_plan_text(file, out);
  if (!text) {
    return;
  }
  YamlReader reader(file, *text, out);
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& e) {
    reader.error(core::SourceLoc{file, e.mark.line + 1, e.mark.column + 1}, "",
                 "YAML syntax error: " + e.msg,
                 "check the indentation and quoting near this line");
    return;
  }
  if (!root || root.IsNull()) {
    reader.error(core::SourceLoc{file, 1, 1}, "", "plan.yaml is empty",
                 "name the plan (name: " + plan.name + ") or remove the file");
    return;
  }
  if (!reader.check_map(root, "", {"name", "description", "requires", "lock_timeout",
                                   "statement_timeout", "dialects", "allow_out_of_order"})) {
    return;
  }
  if (const auto node = root["allow_out_of_order"]) {
    plan.allow_out_of_order = reader.boolean(node, "allow_out_of_order").value_or(false);
  }
  if (const auto node = root["dialects"]) {
    parse_dialects(reader, node, plan);
  }
  if (const auto name = root["name"]) {
    plan.name = reader.string(name, "name").value_or(plan.name);
  }
  if (const auto description = root["description"]) {
    plan.description = reader.string(description, "description").value_or("");
  }
  if (const auto requires_node = root["requires"]) {
    if (!requires_node.IsSequence()) {
      reader.error(requires_node, "requires", "expected a list of plan directories");
    } else {
      for (std::size_t i = 0; i < requires_node.size(); ++i) {
        const auto key = key_index("requires", i);
        if (const auto dir = reader.string(requires_node[i], key)) {
          const auto path = (plan.dir / *dir).lexically_normal();
          if (!std::filesystem::is_directory(path)) {
            reader.error(requires_node[i], key, "no plan directory \"" + path.string() + "\"",
                         "paths are relative to the plan directory");
          } else {
            plan.requires_plans.push_back(path);
          }
        }
      }
    }
  }
  for (const char* key : {"lock_timeout", "statement_timeout"}) {
    if (const auto node = root[key]) {
      const auto text_value = reader.string(node, key);
      const auto value = text_value ? parse_duration(*text_value) : std::nullopt;
      if (text_value && !value) {
        reader.error(node, key, "\"" + *text_value + "\" is not a duration",
                     k_duration_hint);
      }
      (std::string_view(key) == "lock_timeout" ? plan.timeouts.lock_timeout
                                               : plan.timeouts.statement_timeout) = value;
    }
  }
}

// migrator's own NNN_snake_name.yaml migrations.
// R__<name>.yaml: a repeatable migration, named after the file unless it says otherwise.
void read_repeatable(const std::filesystem::path& file, const std::string& snake_name, const LoadOptions& options,
                     Plan& plan, core::Diagnostics& diagnostics) {
  const auto text = read_plan_file(file, diagnostics);
  if (!text) {
    return;
  }
  auto migration = parse_migration(*text, file, 0, options, diagnostics);
  if (migration.name.empty()) {
    migration.name = detail::readable_name(snake_name);
  }
  for (const auto& other : plan.repeatables) {
    if (other.name == migration.name) {
      diagnostics.push_back({{file, 0, 0}, "", "a second repeatable migration named \"" + migration.name +
                                                   "\", also in \"" + other.file.filename().string() + "\"",
                             "give each repeatable migration its own name: history keeps them by name"});
      return;
    }
  }
  plan.repeatables.push_back(std::move(migration));
}

void read_yaml_migrations(const DirListing& listing, const LoadOptions& options, Plan& plan,
                          core::Diagnostics& diagnostics) {
  // The version may be dotted, as Flyway's (1.1_add_index.yaml, what import writes of them).
  static const std::regex k_file_name(R"(([0-9]+(?:\.[0-9]+)*)_([a-z0-9_]+)\.ya?ml)");
  static const std::regex k_loose_name(R"(([0-9]+)[_-]?(.*)\.ya?ml)");
  static const std::regex k_repeatable_name(R"(R__([a-z0-9_]+)\.ya?ml)");
  std::vector<std::filesystem::path> files;
  const auto& entries = listing.migration_files;
  for (const auto& entry : entries) {
    // Anything named like a migration that is not a file (a directory, a FIFO, a link to
    // /dev/null or into a loop) is named, never skipped: apply would report success without it.
    std::error_code entry_ec;
    const auto status = std::filesystem::status(entry, entry_ec);
    if (status.type() != std::filesystem::file_type::regular) {
      diagnostics.push_back({{entry, 0, 0}, "",
                             entry_ec && status.type() != std::filesystem::file_type::not_found
                                 ? "cannot read: " + entry_ec.message()
                                 : "is " + entry_kind(status) + ", not a file",
                             "a plan holds regular files only: remove or rename this entry"});
      continue;
    }
    files.push_back(entry);
  }

  struct Named {
    std::filesystem::path file;
    std::string version;  // as written: "3", "003", "1.1"
    std::string name;
    std::optional<core::Diagnostic> bad_name;  // reported in file order with the others
  };
  std::vector<Named> named;
  for (const auto& file : files) {
    const auto name = file.filename().string();
    std::smatch match;
    if (std::regex_match(name, match, k_repeatable_name)) {
      read_repeatable(file, match[1].str(), options, plan, diagnostics);
      continue;
    }
    if (!std::regex_match(name, match, k_file_name)) {
      const bool numbered = std::regex_match(name, match, k_loose_name);
      named.push_back({file, "", "",
                       core::Diagnostic{{file, 0, 0}, "", "file name \"" + name + "\" is not NNN_snake_name.yaml",
                                        numbered ? "use lowercase letters, digits and underscores after the version"
                                                 : "start the name with its version number, e.g. 001_create_vendors.yaml"}});
      continue;
    }
    named.push_back({file, match[1].str(), match[2].str(), std::nullopt});
  }
  // One dotted version keys them all dotted, as in a Flyway plan (core/migration_version.hpp).
  const bool dotted =
      std::any_of(named.begin(), named.end(), [](const Named& n) { return detail::is_dotted_text(n.version); });
  std::map<core::Version, std::filesystem::path> seen;
  for (const auto& [file, written, name, bad_name] : named) {
    if (bad_name) {
      diagnostics.push_back(*bad_name);
      continue;
    }
    // Version 0 too: diesel's initial setup keeps its number when imported.
    const auto parsed = detail::written_version(written, dotted, file, diagnostics);
    if (!parsed) {
      continue;
    }
    const auto version = *parsed;
    if (!detail::claim_version(seen, version, file, diagnostics)) {
      continue;
    }
    const auto text = read_plan_file(file, diagnostics);
    if (!text) {
      continue;
    }
    auto migration = parse_migration(*text, file, version, options, diagnostics);
    if (migration.name.empty()) {
      migration.name = name;
      std::replace(migration.name.begin(), migration.name.end(), '_', ' ');
    }
    plan.migrations.push_back(std::move(migration));
  }
}

// The SQL files YAML migrations read (sql_file:) are theirs: neither stray nor another
// tool's migrations.
void forget_referenced_files(const Plan& plan, DirListing& listing) {
  std::set<std::filesystem::path> referenced;
  for (const auto& m : plan.migrations) {
    for (const auto& file : m.sql_files) {
      referenced.insert(file.lexically_normal());
    }
  }
  const auto is_referenced = [&](const std::filesystem::path& file) {
    return referenced.count(file.lexically_normal()) > 0;
  };
  std::erase_if(listing.sql_files, is_referenced);
  std::erase_if(listing.stray_files, is_referenced);
}

// Atlas writes atlas.sum beside the migrations of its golang-migrate, dbmate and Flyway
// directories: checked as Atlas checks it. Anywhere else it is a stray file.
void check_atlas_sum(DirListing& listing, Plan& plan) {
  if (!listing.atlas_sum) {
    return;
  }
  if (plan.format != PlanFormat::golang_migrate && plan.format != PlanFormat::dbmate &&
      plan.format != PlanFormat::flyway) {
    listing.stray_files.push_back(*listing.atlas_sum);
    return;
  }
  // What Atlas surely hashes: the up files (never downs or undos). Flyway's R__ scripts are
  // checked where the sum lists them, never missed where it does not.
  std::vector<std::filesystem::path> files;
  for (const auto& m : plan.migrations) {
    if (!m.repeatable) {
      files.push_back(m.file);
    }
  }
  auto problems = atlas_sum_problems(*listing.atlas_sum, files);
  plan.warnings.insert(plan.warnings.end(), problems.begin(), problems.end());
}

// "postgres", "sqlite and postgres"
std::string dialect_list(const std::vector<core::Dialect>& dialects) {
  std::vector<std::string> names;
  for (const auto dialect : dialects) {
    names.emplace_back(core::to_string(dialect));
  }
  return util::joined(names);
}

}  // namespace

Plan load(const std::filesystem::path& dir, const LoadOptions& options) {
  core::Diagnostics diagnostics;
  Plan plan;
  plan.dir = dir;
  std::error_code ec;
  const auto dir_status = std::filesystem::status(dir, ec);
  if (dir_status.type() != std::filesystem::file_type::directory) {
    const bool missing = dir_status.type() == std::filesystem::file_type::not_found;
    throw core::UsageError(
        missing || !ec ? "no plan directory \"" + dir.string() + "\"" + (missing ? "" : " (it is " + entry_kind(dir_status) + ")")
                       : "cannot read the plan directory \"" + dir.string() + "\": " + ec.message(),
        "name a directory of NNN_name.yaml files, or create one with "
        "`migrator new " + dir.string() + " first_migration`");
  }
  const auto absolute = std::filesystem::weakly_canonical(dir, ec);
  const auto full_path = ec ? dir : absolute;
  plan.name = full_path.filename().string();
  if (const auto plan_file = dir / "plan.yaml"; std::filesystem::symlink_status(plan_file, ec).type() !=
                                                std::filesystem::file_type::not_found) {
    parse_plan_file(plan_file, plan, diagnostics);
  }
  // The directory's path is stored with each migration in the history table (JSON) and its
  // name may be the plan's: both must be text.
  if (const auto problem = value_problem(full_path.string()); !problem.empty()) {
    diagnostics.push_back({{dir, 0, 0}, "", "the plan directory's path " + problem,
                           "rename the directory"});
  }

  auto listing = list_plan_dir(dir);
  if (!listing.migration_files.empty()) {
    read_yaml_migrations(listing, options, plan, diagnostics);
    forget_referenced_files(plan, listing);
  }
  plan.format = detect_format(listing, diagnostics);
  if (plan.format == PlanFormat::migrator) {
    if (listing.migration_files.empty()) {
      diagnostics.push_back(no_migrations(dir, listing));
    }
  } else {
    plan.migrations = read_sql_plan(plan.format, listing, diagnostics, plan.warnings);
    if (plan.dialects.empty()) {
      plan.dialects = {core::Dialect::postgres};  // what these tools' SQL is written for, mostly
    }
  }
  check_atlas_sum(listing, plan);
  auto strays = stray_file_warnings(listing, plan.format);
  plan.warnings.insert(plan.warnings.begin(), strays.begin(), strays.end());
  if (options.dialect && !plan.dialects.empty() &&
      std::find(plan.dialects.begin(), plan.dialects.end(), *options.dialect) == plan.dialects.end()) {
    throw core::UsageError(
        "plan \"" + plan.name + "\" is written for " + dialect_list(plan.dialects) + ", not " +
            std::string(core::to_string(*options.dialect)) + " (nothing was run)",
        plan.format == PlanFormat::migrator || std::filesystem::exists(dir / "plan.yaml")
            ? "run it against a " + dialect_list(plan.dialects) + " database, or widen dialects: in its plan.yaml"
            : "a " + std::string(to_string(plan.format)) + " plan is taken for PostgreSQL SQL; if it also runs on " +
                  std::string(core::to_string(*options.dialect)) + ", say so in a plan.yaml beside it: dialects: [postgres, " +
                  std::string(core::to_string(*options.dialect)) + "]");
  }
  if (!diagnostics.empty()) {
    throw core::PlanError(std::move(diagnostics));
  }
  // Flyway's R__ scripts come with its versions: kept apart, in the order they run.
  for (auto& m : plan.migrations) {
    if (m.repeatable) {
      plan.repeatables.push_back(std::move(m));
    }
  }
  std::erase_if(plan.migrations, [](const Migration& m) { return m.repeatable; });
  std::sort(plan.migrations.begin(), plan.migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  std::sort(plan.repeatables.begin(), plan.repeatables.end(),
            [](const Migration& a, const Migration& b) { return a.name < b.name; });
  return plan;
}

}  // namespace migrator::plan
