#pragma once
// Plans in another tool's form: which form a directory is in, and its migrations read from
// it. Each form's reader lives in its own file (format_*.cpp); what a SQL file means once
// read is plan/sql_file_migration's.
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/migration_version.hpp"
#include "plan/dir_listing.hpp"
#include "plan/model.hpp"
#include "plan/plan_format.hpp"

namespace migrator::plan {

// The other tool whose naming `file_name` (a .sql file, or a diesel folder) follows.
std::optional<PlanFormat> sql_file_format(const std::string& file_name, bool is_directory);

// The form of the plan in `listing`; a directory that mixes forms gets an error naming
// a file of each. A directory with no migration in any form is migrator's (the loader then
// says what it found instead).
PlanFormat detect_format(const DirListing& listing, core::Diagnostics& out);

// The stamp a diesel migration's folder is named by, dashes dropped ("20170101120000" of
// .../2017-01-01-120000_a/up.sql): what diesel calls its version, and a person types. Nullopt
// for any other file. Its key may differ (format_diesel.cpp).
std::optional<std::string> diesel_stamp(const std::filesystem::path& up_file);

// `version` as a person reads it in `plan`: a diesel migration's stamp, else version_text.
std::string version_label(const Plan& plan, core::Version version);

// The files of migrations in `listing`, in whichever form (what check's summary counts).
std::size_t migration_file_count(const DirListing& listing);

// Reads every migration of a SQL-file plan. Problems go to `out` (errors) and `warnings`.
std::vector<Migration> read_sql_plan(PlanFormat format, const DirListing& listing, core::Diagnostics& out,
                                     core::Diagnostics& warnings);

namespace detail {
std::vector<Migration> read_dbmate(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& warnings);
std::vector<Migration> read_golang_migrate(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& warnings);
std::vector<Migration> read_flyway(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& warnings);
std::vector<Migration> read_diesel(const DirListing& listing, core::Diagnostics& out, core::Diagnostics& warnings);

// The version in `digits`: at most 18 digits (64 bits), 0 allowed (diesel's initial setup).
std::optional<core::Version> parse_sql_version(const std::string& digits, const std::filesystem::path& file,
                                               core::Diagnostics& out);
// A version written with dots or underscores between whole numbers ("1.1", "2.0.3", "1_1";
// trailing zero parts dropped: 1.0 is 1), as the key of a plan that keys its versions dotted
// (`dotted`: Flyway's, or a YAML plan with one such version), else as a whole number.
std::optional<core::Version> written_version(const std::string& text, bool dotted, const std::filesystem::path& file,
                                             core::Diagnostics& out);
// Whether `text` (as above) is a dotted version: more than one part once trailing zeros go.
bool is_dotted_text(const std::string& text);
// "add_users" -> "add users", as migrator names its own migrations.
std::string readable_name(std::string name);
// The true/false of the last line of `file` that `setting` matches (its group 1), nullopt
// when none does or the file is absent: Flyway's .conf and diesel's metadata.toml hold one
// setting migrator reads, and nothing else of them is read.
std::optional<bool> boolean_setting(const std::filesystem::path& file, const std::regex& setting);
// Refuses a second migration with the same version; true when `version` is new.
bool claim_version(std::map<core::Version, std::filesystem::path>& seen, core::Version version,
                   const std::filesystem::path& file, core::Diagnostics& out);
}  // namespace detail

}  // namespace migrator::plan
