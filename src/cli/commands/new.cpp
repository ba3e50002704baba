// migrator new PLAN NAME: the next NNN_name.yaml, from a template that passes `check`.
#include <algorithm>
#include <charconv>
#include <cctype>
#include <chrono>
#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "cli/commands/commands.hpp"
#include "core/error.hpp"
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
  core::Version top = 0;
  static const std::regex k_numbered(R"(([0-9]+)_.*\.ya?ml)");
  std::filesystem::directory_iterator entries(dir, ec);
  for (; !ec && entries != std::filesystem::directory_iterator(); entries.increment(ec)) {
    std::smatch match;
    const auto file = entries->path().filename().string();
    core::Version version = 0;
    if (std::regex_match(file, match, k_numbered)) {
      const auto digits = match[1].str();
      const auto [end, parsed] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
      if (parsed != std::errc{} || version >= 999'999'999'999'999'999) {
        throw core::UsageError("\"" + file + "\" has a version too large to follow",
                               "number migrations from 1 up, or by UTC time (--timestamp)");
      }
      top = std::max(top, version);
    }
  }
  if (ec) {
    throw core::UsageError("cannot read the plan directory \"" + dir.string() + "\": " + ec.message(), "");
  }
  // The plan's own numbering: the next integer, or the time when it is numbered by time.
  const auto next = timestamp || top >= k_first_timestamp ? std::max(utc_timestamp(), top + 1) : top + 1;
  const auto path = dir / (fmt::format("{:03}", next) + "_" + snake + ".yaml");
  std::string title = snake;
  std::replace(title.begin(), title.end(), '_', ' ');
  std::ofstream out(path);
  out << fill(k_template, title);
  if (!out) {
    throw core::UsageError("cannot write " + path.string());
  }
  if (ctx.json()) {
    ctx.print_json({{"ok", true}, {"file", path.string()}, {"version", next}, {"name", title}});
    return;
  }
  ctx.say("Created " + path.string() + "\nEdit its sql, verify and rollback, then run: migrator check " +
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
