#include "plan/dir_listing.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "plan/sql_formats.hpp"
#include "util/joined.hpp"

namespace migrator::plan {
namespace {

bool is_migration_file(const std::filesystem::path& path) {
  const auto ext = path.extension();
  return (ext == ".yaml" || ext == ".yml") && path.filename() != "plan.yaml";
}

// Files people keep beside their migrations that are no migration: never warned about.
bool is_companion(const std::filesystem::path& path) {
  const auto name = path.filename().string();
  const auto ext = path.extension();
  return name.front() == '.' || name == "plan.yaml" || ext == ".md" || ext == ".txt" || ext == ".rst" ||
         name.rfind("README", 0) == 0 || name.rfind("LICENSE", 0) == 0;
}

// Whether `dir` holds a file `wanted` says yes to.
template <class Wanted>
bool holds(const std::filesystem::path& dir, const Wanted& wanted) {
  std::error_code ec;
  std::filesystem::directory_iterator listing(dir, ec);
  for (; !ec && listing != std::filesystem::directory_iterator(); listing.increment(ec)) {
    if (wanted(listing->path())) {
      return true;
    }
  }
  return false;
}

bool is_plan_file(const std::filesystem::path& path) {
  return is_migration_file(path) || path.filename() == "plan.yaml";
}

bool is_sql_file(const std::filesystem::path& path) { return path.extension() == ".sql"; }

// The .sql files anywhere below `dir` when one of them is a Flyway script: Flyway reads its
// locations recursively, and teams keep a folder per release (0.0.1/V0.0.1.3__x.sql). Other
// tools read one folder; their subfolders stay what they were (diesel's migrations, strays).
std::vector<std::filesystem::path> flyway_scripts_below(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  bool flyway = false;
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(dir, std::filesystem::directory_options::skip_permission_denied, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && (is_sql_file(it->path()) || it->path().string().ends_with(".sql.conf"))) {
      files.push_back(it->path());
      flyway = flyway || sql_file_format(it->path().filename().string(), false) == PlanFormat::flyway;
    }
  }
  return flyway ? files : std::vector<std::filesystem::path>{};
}


const std::string k_other_tools =
    "it also reads dbmate (NNN_name.sql), golang-migrate (NNN_name.up.sql), Flyway (V1__name.sql) "
    "and diesel (folders with up.sql) plans as they are";

// "a.sql, b.sql and 12 more"
std::string some_names(const std::vector<std::filesystem::path>& files) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(files.size(), 3);
  for (std::size_t i = 0; i < shown; ++i) {
    out += (i == 0 ? "" : ", ") + files[i].filename().string();
  }
  return files.size() > shown ? out + " and " + std::to_string(files.size() - shown) + " more" : out;
}

}  // namespace

DirListing list_plan_dir(const std::filesystem::path& dir) {
  DirListing out;
  out.dir = dir;
  std::error_code ec;
  std::filesystem::directory_iterator listing(dir, ec);
  // The error_code forms throughout: a loop of links or an unreadable entry is a message
  // naming it, never an escaped filesystem_error ("internal error").
  for (; !ec && listing != std::filesystem::directory_iterator(); listing.increment(ec)) {
    const auto& path = listing->path();
    std::error_code type_ec;
    if (is_migration_file(path)) {
      out.migration_files.push_back(path);  // whatever it is: the loader names a non-file
    } else if (path.filename() == "atlas.sum") {
      out.atlas_sum = path;
    } else if (listing->is_directory(type_ec)) {
      if (holds(path, is_plan_file)) {
        out.plans.push_back(path.filename().string());
      } else if (const auto nested = flyway_scripts_below(path); !nested.empty()) {
        for (const auto& file : nested) {
          if (is_sql_file(file)) {
            out.sql_files.push_back(file);
          }
          out.stray_files.push_back(file);
        }
      } else if (holds(path, is_sql_file)) {
        out.sql_folders.push_back(path.filename().string());
      }
    } else if (is_sql_file(path)) {
      out.sql_files.push_back(path);
      out.stray_files.push_back(path);
    } else if (!is_companion(path)) {
      out.stray_files.push_back(path);
    }
  }
  if (ec) {
    throw core::UsageError("cannot read the plan directory \"" + dir.string() + "\": " + ec.message(),
                           "check its permissions");
  }
  // By the bytes of the whole path: path's own order compares component by component, each
  // a path made on the fly, and sorting 10,000 names that way was a tenth of loading them.
  for (auto* files : {&out.migration_files, &out.stray_files, &out.sql_files}) {
    std::sort(files->begin(), files->end(), [](const std::filesystem::path& a, const std::filesystem::path& b) {
      return a.native() < b.native();
    });
  }
  std::sort(out.plans.begin(), out.plans.end());
  std::sort(out.sql_folders.begin(), out.sql_folders.end());
  return out;
}

core::Diagnostics stray_file_warnings(const DirListing& listing, PlanFormat format) {
  core::Diagnostics out;
  for (const auto& file : listing.stray_files) {
    const bool sql = file.extension() == ".sql";
    if (format == PlanFormat::flyway && file.string().ends_with(".sql.conf")) {
      continue;  // a script's settings (executeInTransaction), read with it
    }
    if (sql && format != PlanFormat::migrator) {
      const auto name = file.filename().string();
      if (sql_file_format(name, false) != format) {
        // Flyway's prefixes are case-sensitive, and Flyway skips `v2__x.sql` without a word.
        auto upper = name;
        upper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[0])));
        const bool lower_prefix = format == PlanFormat::flyway && upper != name &&
                                  sql_file_format(upper, false) == PlanFormat::flyway;
        out.push_back({{file, 0, 0}, "",
                       "not a " + std::string(to_string(format)) + " migration file, and not run" +
                           (lower_prefix ? " (Flyway's prefixes are upper case: Flyway skips it too)" : ""),
                       lower_prefix ? "rename it " + upper + " if it is a migration"
                                    : "name it as the others (" + std::string(file_form(format)) +
                                          "), or move it out of the plan"});
      }
      continue;
    }
    if (!sql && format != PlanFormat::migrator) {
      // stash keeps Go code that its own binary runs around some migrations beside them.
      out.push_back({{file, 0, 0}, "",
                     "not a " + std::string(to_string(format)) + " migration file, and not read",
                     "migrator runs a " + std::string(to_string(format)) + " plan's " + std::string(file_form(format)) +
                         " files; anything else here is not run (move it out of the plan to quiet this)"});
      continue;
    }
    out.push_back({{file, 0, 0}, "",
                   sql ? "a .sql file is not a migration here, and is not run"
                       : "not a migration file (NNN_name.yaml), and not read",
                   sql ? "put its SQL in a NNN_name.yaml migration (`migrator new`), or move it out of the plan"
                       : "move it out of the plan directory, or rename it NNN_name.yaml if it is a migration"});
  }
  return out;
}

core::Diagnostic no_migrations(const std::filesystem::path& dir, const DirListing& listing) {
  const auto shown = dir.string();
  if (!listing.plans.empty()) {
    const auto first = (dir / listing.plans.front()).lexically_normal().string();
    return {{dir, 0, 0}, "",
            "no migrations here: it holds the plan" + std::string(listing.plans.size() > 1 ? "s " : " ") +
                util::joined(listing.plans),
            "name a plan (" + first + "), or several: " + (dir / "*").lexically_normal().string()};
  }
  const auto write_yaml = "migrator runs NNN_name.yaml migrations (`migrator new " + shown + " NAME` writes one); ";
  if (!listing.sql_files.empty()) {
    return {{dir, 0, 0}, "",
            "no migrations here, only " + std::to_string(listing.sql_files.size()) + " .sql file" +
                (listing.sql_files.size() > 1 ? "s" : "") + " (" + some_names(listing.sql_files) + ")",
            write_yaml + k_other_tools};
  }
  if (!listing.sql_folders.empty()) {
    return {{dir, 0, 0}, "",
            "no migrations here; .sql files are in " + util::joined(listing.sql_folders),
            write_yaml + k_other_tools};
  }
  return {{dir, 0, 0}, "", "no migrations here (no NNN_name.yaml files)",
          "write the first with `migrator new " + shown + " NAME`"};
}

}  // namespace migrator::plan
