// migrator demo [--scale N]: the scenarios as one story - the safe migration, the data model
// at scale with its statistics, the required-column migration and the reporting structures the
// benchmarks measure - through the same runner.
#include <algorithm>

#include "cli/commands/commands.hpp"
#include "core/error.hpp"
#include "db/scratch.hpp"
#include "generate/config.hpp"
#include "generate/statistics.hpp"
#include "plan/scenario_dir.hpp"
#include "report/text_table.hpp"
#include "util/terminal.hpp"

namespace migrator::cli::commands {
namespace {

// The receipts the plan's generate step makes at --scale 1, as its file says.
void chapter(Context& ctx, int number, const std::string& title, const std::string& text) {
  const bool colour = ctx.text_options().colour;
  const auto rule = std::string(72, '=');
  ctx.say("\n" + util::styled(rule, util::Style::dim, colour));
  ctx.say(util::styled(std::to_string(number) + ". " + title, util::Style::bold, colour));
  ctx.say(report::wrap(text, 88, ""));
  ctx.say(util::styled(rule, util::Style::dim, colour) + "\n");
}

void run_demo(Context& ctx, double scale) {
  if (ctx.json()) {
    throw core::UsageError("the demo is a story for people; it has no --format json",
                           "script the commands it runs instead: apply, verify, rollback, stats");
  }
  const auto scenarios = plan::scenario_dir("vendor_normalization").parent_path();
  const auto url = ctx.url();

  chapter(ctx, 1, "A safe migration: consolidating vendor names",
          "Four legacy receipts name their vendor by hand: \"Home Depot\", \"home depot\" and "
          "\"lowes\". Five migrations add a vendors dimension, a nullable vendor_id, the backfill "
          "and finally NOT NULL, each step proving itself with checks, and each migration "
          "comparing row counts and totals before and after. This chapter runs on a scratch "
          "database, applies the plan, verifies it and rolls it all back.");
  {
    db::ScratchDatabase scratch(url, "demo");
    ctx.use_url(scratch.url());
    const auto plan = (scenarios / "vendor_normalization").string();
    run_apply(ctx, {plan, std::nullopt, false, 1.0});
    ctx.say("");
    run_verify(ctx, plan);
    ctx.say("");
    run_rollback(ctx, {plan, 0, false});
    ctx.clear_url();
  }

  const auto data_plan = ctx.load_plan(scenarios / "construction_receipts", url.dialect);
  const auto load = generate::find_generate_step(data_plan, scale);
  chapter(ctx, 2, "A normalized schema at scale",
          "The construction-purchasing model: vendors, products in categories, job sites, "
          "receipts with their items, inventory, market valuations, asset movements and a "
          "10-year date dimension; then a seeded, realistic load of " +
              generate::format_count(load ? load->config.receipts : 0) +
              " receipts, streamed with COPY on PostgreSQL and batched prepared INSERTs on SQLite, "
              "into " + url.redacted + ".");
  const auto applied =
      run_apply(ctx, {(scenarios / "construction_receipts").string(), std::nullopt, false, scale});
  // The load prints the statistics itself; when it had run before, print them here.
  const bool loaded_now = load && std::any_of(applied.migrations.begin(), applied.migrations.end(),
                                              [&](const runner::MigrationRun& m) {
                                                return m.version == load->version;
                                              });
  if (!loaded_now) {
    ctx.say("");
    run_stats(ctx);
  }

  if (std::filesystem::is_directory(scenarios / "tax_amount")) {
    chapter(ctx, 3, "Adding a required column without breaking production",
            "tax_amount on every receipt: added nullable, backfilled in batches, verified, then "
            "constrained the safe way. The one-line ALTER TABLE ... NOT NULL that `migrator "
            "check` rejects is in scenarios/tax_amount/unsafe/.");
    run_apply(ctx, {(scenarios / "tax_amount").string(), std::nullopt, false, scale});
  }

  if (std::filesystem::is_directory(scenarios / "benchmarks")) {
    chapter(ctx, 4, "Reporting at speed: a materialized summary and a denormalized copy",
            "spend_summary precomputes spend per vendor, job site, product category and month (a "
            "materialized view on PostgreSQL, a table refreshed by DELETE + INSERT on SQLite), "
            "checked against the receipts to the cent; receipt_items_wide repeats every dimension "
            "on every receipt line. This chapter only builds them. What they cost and save - "
            "queries against the normalized tables, insert methods, index against scan, "
            "migration steps, refresh, storage - is measured by `migrator bench benchmarks` "
            "(on a scratch database; add --db for PostgreSQL).");
    run_apply(ctx, {(scenarios / "benchmarks").string(), std::nullopt, false, scale});
  }

  const bool colour = ctx.text_options().colour;
  ctx.say("\n" + util::styled("Next", util::Style::bold, colour));
  report::TextTable next({{"COMMAND"}, {"SHOWS"}});
  next.add_row({"migrator status " + (scenarios / "construction_receipts").string(), "every version: when, how long, by whom"});
  next.add_row({"migrator check " + scenarios.string() + "/*", "the CI check: unsafe operations, with the safe way"});
  next.add_row({"migrator check " + (scenarios / "tax_amount/unsafe").string(), "what the one-line NOT NULL column would do"});
  next.add_row({"migrator bench benchmarks", "queries, inserts, indexes, migration steps, refresh, storage"});
  next.add_row({"migrator bench", "the load and the runner, measured on this machine"});
  ctx.say(next.render());
}

}  // namespace

void add_demo(CLI::App& app, Context& ctx) {
  auto scale = std::make_shared<double>(1.0);
  auto* cmd = app.add_subcommand("demo", "Run the scenarios as one story (on the default SQLite database)");
  add_scale_option(*cmd, *scale);
  cmd->footer(std::string(plan::k_scenario_search_help));
  cmd->callback([&ctx, scale] { run_demo(ctx, *scale); });
}

}  // namespace migrator::cli::commands
