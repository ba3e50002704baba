// migrator new PLAN NAME: the next migration, from a template: NNN_name.yaml, or in the
// form of the plan's other tool (dbmate, golang-migrate, Flyway, diesel).
#include <algorithm>
#include <charconv>
#include <cctype>
#include <chrono>
#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "core/error.hpp"
#include "plan/dir_listing.hpp"
#include "plan/sql_formats.hpp"
#include "util/snake_case.hpp"

namespace migrator::cli::commands {
namespace {

constexpr std::string_view k_template = R"(name: {title}
description: What this migration changes, and why.
# transaction: false         # only for statements that cannot run in a transaction
steps:
  - name: {title}
    sql: |
      -- the forward SQL; one text for every database, or
      -- sql: {postgres: ..., sqlite: ...} where they differ
      SELECT 1;
    verify:
      - name: describe what must hold
        sql: SELECT 1
        expect: 1
    rollback: |
      -- the SQL that undoes this step exactly
      SELECT 1;
# preserve:                   # read before the migration, compared after it
#   - name: row count preserved
#     sql: SELECT count(*) FROM some_table
)";

// Now in UTC as a version: 20261129183000 for 2026-11-29 18:30:00.
core::Version utc_timestamp() {
  using namespace std::chrono;
  const auto now = floor<seconds>(system_clock::now());
  const auto day = floor<days>(now);
  const year_month_day date{day};
  const hh_mm_ss time{now - day};
  return core::Version{static_cast<int>(date.year())} * 10'000'000'000 +
         core::Version{static_cast<unsigned>(date.month())} * 100'000'000 +
         core::Version{static_cast<unsigned>(date.day())} * 1'000'000 + time.hours().count() * 10'000 +
         time.minutes().count() * 100 + time.seconds().count();
}

// A plan numbered by time has versions of 14 digits (YYYYMMDDHHMMSS), as dbmate,
// golang-migrate and diesel write them.
constexpr core::Version k_first_timestamp = 10'000'000'000'000;

std::string fill(std::string_view text, const std::string& title) {
  std::string out(text);
  constexpr std::string_view k_placeholder = "{title}";
  for (auto at = out.find(k_placeholder); at != std::string::npos;
       at = out.find(k_placeholder, at + title.size())) {
    out.replace(at, k_placeholder.size(), title);
  }
  return out;
}

// The newest version in the plan and how many digits it was written with (golang-migrate
// pads to six), whatever form the plan is in. Of a Flyway dotted version (V1.1__, V1_1__)
// the first part counts: the next after 1.1 is 2.
std::pair<core::Version, std::size_t> newest_version(const plan::DirListing& listing, plan::PlanFormat form) {
  static const std::regex k_leading_digits(R"([VU]?([0-9][0-9-]*)[._].*)");
  std::vector<std::string> names;
  for (const auto& file : form == plan::PlanFormat::migrator ? listing.migration_files : listing.sql_files) {
    names.push_back(file.filename().string());
  }
  if (form == plan::PlanFormat::diesel) {
    names = listing.sql_folders;
  }
  core::Version top = 0;
  std::size_t width = 3;
  for (const auto& name : names) {
    std::smatch match;
    if (!std::regex_match(name, match, k_leading_digits)) {
      continue;
    }
    auto digits = match[1].str();
    std::erase(digits, '-');
    core::Version version = 0;
    const auto [end, parsed] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (parsed != std::errc{} || version >= 999'999'999'999'999'999) {
      throw core::UsageError("\"" + name + "\" has a version too large to follow",
                             "number migrations from 1 up, or by UTC time (--timestamp)");
    }
    if (version >= top) {
      top = version;
      width = std::max<std::size_t>(digits.size(), 3);
    }
  }
  return {top, width};
}

// The file (or files) of the new migration, as the plan's form writes one, with their text.
std::vector<std::pair<std::filesystem::path, std::string>> files_for(plan::PlanFormat form,
                                                                     const std::filesystem::path& dir,
                                                                     core::Version next, std::size_t width,
                                                                     const std::string& snake,
                                                                     const std::string& title) {
  const auto padded = fmt::format("{:0{}}", next, width);
  constexpr std::string_view k_up = "-- the forward SQL\n";
  constexpr std::string_view k_down = "-- the SQL that undoes it exactly\n";
  switch (form) {
    case plan::PlanFormat::dbmate:
      return {{dir / fmt::format("{}_{}.sql", next, snake),
               fmt::format("-- migrate:up\n{}\n-- migrate:down\n{}", k_up, k_down)}};
    case plan::PlanFormat::golang_migrate:
      return {{dir / fmt::format("{}_{}.up.sql", padded, snake), std::string(k_up)},
              {dir / fmt::format("{}_{}.down.sql", padded, snake), std::string(k_down)}};
    case plan::PlanFormat::flyway:
      return {{dir / fmt::format("V{}__{}.sql", next, snake), std::string(k_up)},
              {dir / fmt::format("U{}__{}.sql", next, snake), std::string(k_down)}};
    case plan::PlanFormat::diesel: {
      // YYYYMMDDHHMMSS -> YYYY-MM-DD-HHMMSS; diesel 2's four more digits after another dash.
      const auto stamp = std::to_string(next);
      const auto time = stamp.size() > 14 ? stamp.substr(8, 6) + "-" + stamp.substr(14) : stamp.substr(8);
      const auto folder = dir / fmt::format("{}-{}-{}-{}_{}", stamp.substr(0, 4), stamp.substr(4, 2),
                                            stamp.substr(6, 2), time, snake);
      return {{folder / "up.sql", std::string(k_up)}, {folder / "down.sql", std::string(k_down)}};
    }
    case plan::PlanFormat::migrator:
      break;
  }
  return {{dir / fmt::format("{:03}_{}.yaml", next, snake), fill(k_template, title)}};
}

void run_new(Context& ctx, const std::string& plan_arg, const std::string& name, bool timestamp) {
  const auto dir = ctx.plan_dir(plan_arg);
  const auto snake = util::snake_case(name);
  if (snake.empty()) {
    throw core::UsageError("\"" + name + "\" has no letters or digits to name a file with",
                           "e.g. migrator new migrations add_vendor_index");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir, ec)) {
    throw core::UsageError("cannot make the plan directory \"" + dir.string() + "\"" +
                               (ec ? ": " + ec.message() : ": a file of that name is in the way"),
                           "name a directory for the plan, e.g. migrator new migrations " + name);
  }
  const auto listing = plan::list_plan_dir(dir);
  core::Diagnostics ignored;  // a mixed directory is load's to report; new follows the first form
  const auto form = plan::detect_format(listing, ignored);
  const auto [top, width] = newest_version(listing, form);
  // The plan's own numbering: the next integer, or the time when it is numbered by time
  // (diesel always is).
  const bool by_time = timestamp || top >= k_first_timestamp || form == plan::PlanFormat::diesel;
  // Stamps written longer than YYYYMMDDHHMMSS (diesel 2's -0000) are the time and then zeros.
  auto now = utc_timestamp();
  for (std::size_t digits = 14; by_time && digits < width; ++digits) {
    now *= 10;
  }
  const auto next = by_time ? std::max(now, top + 1) : top + 1;
  std::string title = snake;
  std::replace(title.begin(), title.end(), '_', ' ');
  const auto files = files_for(form, dir, next, width, snake, title);
  for (const auto& [file, text] : files) {
    std::filesystem::create_directories(file.parent_path(), ec);
    std::ofstream out(file);
    out << text;
    if (!out) {
      throw core::UsageError("cannot write " + file.string());
    }
  }
  const auto& path = files.front().first;
  if (ctx.json()) {
    ctx.print_json({{"ok", true}, {"file", path.string()}, {"version", next}, {"name", title}});
    return;
  }
  std::string created;
  for (const auto& [file, text] : files) {
    created += (created.empty() ? "" : " and ") + file.string();
  }
  ctx.say("Created " + created + "\n" +
          (form == plan::PlanFormat::migrator ? "Edit its sql, verify and rollback" : "Write its SQL and the SQL that undoes it") +
          // Atlas's sum would name the new file in check until Atlas hashes it again.
          (std::filesystem::exists(dir / "atlas.sum") ? ", then run: atlas migrate hash && migrator check "
                                                      : ", then run: migrator check ") +
          dir.string());
}

}  // namespace

void add_new(CLI::App& app, Context& ctx) {
  auto plan = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto timestamp = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("new", "Create the next migration file of a plan from a template");
  cmd->add_option("plan", *plan, "Plan directory")->required()->type_name(value_kind::plan);
  cmd->add_option("name", *name, "What the migration does, e.g. add_vendor_index")
      ->required()
      ->type_name(value_kind::name);
  cmd->add_flag("--timestamp", *timestamp,
                "Number it by UTC time (20261129183000) rather than the next integer; a plan already "
                "numbered by time gets one without it");
  cmd->callback([&ctx, plan, name, timestamp] { run_new(ctx, *plan, *name, *timestamp); });
}

}  // namespace migrator::cli::commands
