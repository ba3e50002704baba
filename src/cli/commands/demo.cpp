// migrator demo [--scale N] [--html FILE]: the seed document's story through the same runner,
// each lesson with figures measured on the spot - the normalized model loaded at scale, what
// it costs to query against a summary, insert methods, index against scan, refresh and
// storage; the required column that must not stop production (what `check` says of the
// one-liner, and the application's traffic measured during each kind of migration); the safe
// vendor migration that proves nothing was lost.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "bench/benchmarks_parts.hpp"
#include "bench/concurrency_bench.hpp"
#include "bench/document.hpp"
#include "cli/commands/commands.hpp"
#include "cli/html_output.hpp"
#include "core/error.hpp"
#include "db/scratch.hpp"
#include "generate/config.hpp"
#include "generate/statistics.hpp"
#include "plan/scenario_dir.hpp"
#include "report/text_observer.hpp"
#include "report/text_table.hpp"
#include "util/terminal.hpp"

namespace migrator::cli::commands {
namespace {

// Repetitions of each timed measurement: fewer than `bench` (5) so that the whole story
// stays under a minute on SQLite.
constexpr int k_demo_runs = 3;
// The traffic alone, before the migrations run under it.
constexpr double k_quiet_seconds = 1.0;

struct DemoArgs {
  double scale = 1.0;
  std::string html;
};

void chapter(Context& ctx, int number, const std::string& title, const std::string& text) {
  const bool colour = ctx.text_options().colour;
  const auto rule = std::string(72, '=');
  ctx.say("\n" + util::styled(rule, util::Style::dim, colour));
  ctx.say(util::styled(std::to_string(number) + ". " + title, util::Style::bold, colour));
  ctx.say(report::wrap(text, 88, ""));
  ctx.say(util::styled(rule, util::Style::dim, colour) + "\n");
}

void heading(Context& ctx, const std::string& text) {
  ctx.say(util::styled(text, util::Style::bold, ctx.text_options().colour));
}

class Demo {
 public:
  Demo(Context& ctx, const DemoArgs& args)
      : m_ctx(ctx),
        m_args(args),
        m_url(ctx.url()),
        m_scenarios(plan::scenario_dir("vendor_normalization").parent_path()),
        m_observer(stdout, ctx.text_options()),
        m_document(bench::new_document(m_url, args.scale)) {}

  void run() {
    load();
    report();
    required_column();
    vendors();
    next();
    if (!m_args.html.empty()) {
      write_html_report(m_ctx, m_args.html, m_document, "migrator demo");
    }
  }

 private:
  std::string plan(const char* name) const { return (m_scenarios / name).string(); }

  // The measurements print through the demo and fill the page's document.
  bench::BenchContext measuring(nlohmann::json& results) {
    return {m_url, m_args.scale, m_observer,
            [this](const std::string& line) {
              m_observer.clear_progress();
              m_ctx.say(line);
            },
            results, k_demo_runs, {}};
  }

  void load() {
    const auto data_plan = m_ctx.load_plan(m_scenarios / "construction_receipts", m_url.dialect);
    const auto load = generate::find_generate_step(data_plan, m_args.scale);
    if (!load) {
      throw core::UsageError("scenarios/construction_receipts has no generate step");
    }
    m_load = load->config;
    chapter(m_ctx, 1, "A normalized schema at scale",
            "The construction-purchasing model: vendors, products in categories, job sites, receipts with "
            "their items, inventory, market valuations, asset movements and a 10-year date dimension; then a "
            "seeded, realistic load of " + generate::format_count(load->config.receipts) +
                " receipts, streamed with COPY on PostgreSQL and batched prepared INSERTs on SQLite, into " +
                m_url.redacted + ".");
    const auto applied = run_apply(m_ctx, {plan("construction_receipts"), std::nullopt, false, m_args.scale});
    // The load prints the statistics itself; when it had run before, print them here.
    const bool loaded_now = std::any_of(applied.migrations.begin(), applied.migrations.end(),
                                        [&](const runner::MigrationRun& m) { return m.version == load->version; });
    if (!loaded_now) {
      m_ctx.say("");
      run_stats(m_ctx);
    }
  }

  void report() {
    chapter(m_ctx, 2, "Reporting at speed: what the normalized model costs, and what a summary saves",
            "spend_summary precomputes spend per vendor, job site, product category and month (a materialized "
            "view on PostgreSQL, a table refreshed by DELETE + INSERT on SQLite), checked against the receipts "
            "to the cent; receipt_items_wide repeats every dimension on every receipt line. Then, measured now "
            "on this machine: the reports on the normalized tables against the summary, three ways to insert, "
            "an index against a scan with both plans, the summary's refresh, and the space each model takes. "
            "Each figure is the median of " + std::to_string(k_demo_runs) +
                " runs; `migrator bench benchmarks` measures more carefully (5 runs, on a scratch database).");
    run_apply(m_ctx, {plan("benchmarks"), std::nullopt, false, m_args.scale});
    m_ctx.say("");
    auto db = db::open(m_url);
    auto results = nlohmann::json::object();
    auto ctx = measuring(results);
    bench::benchmarks::measure_all(ctx, *db, m_load);
    m_document["cases"]["benchmarks"] = results;
  }

  void required_column() {
    chapter(m_ctx, 3, "Adding a required column without stopping production",
            "tax_amount on every receipt. The one-liner the seed document warns against is kept in "
            "scenarios/tax_amount/unsafe/; first what `migrator check` says of it, then what each kind of "
            "migration does to the application while it runs: connections keep inserting receipts and running a "
            "report, and the table gives how many got through and the longest any of them waited. Last, the "
            "safe plan for real: added nullable, backfilled in batches, verified, then constrained.");
    heading(m_ctx, "migrator check " + plan("tax_amount/unsafe"));
    run_check(m_ctx, {plan("tax_amount/unsafe")});
    m_ctx.exit_code = core::exit_ok;  // the findings are the lesson, not the demo's failure
    m_ctx.say("");
    {
      auto db = db::open(m_url);
      auto results = nlohmann::json::object();
      auto ctx = measuring(results);
      bench::measure_concurrency(ctx, *db, k_quiet_seconds);
      m_document["cases"]["concurrency"] = results;
    }
    heading(m_ctx, "The safe way, through the runner:");
    run_apply(m_ctx, {plan("tax_amount"), std::nullopt, false, m_args.scale});
  }

  void vendors() {
    chapter(m_ctx, 4, "A safe migration that proves nothing was lost: consolidating vendor names",
            "Four legacy receipts name their vendor by hand: \"Home Depot\", \"home depot\" and \"lowes\". Five "
            "migrations add a vendors dimension, a nullable vendor_id, the backfill and finally NOT NULL, each "
            "step proving itself with checks, and each migration comparing row counts and totals before and "
            "after. This chapter runs on a scratch database, applies the plan, verifies it and rolls it all back.");
    db::ScratchDatabase scratch(m_url, "demo");
    m_ctx.use_url(scratch.url());
    run_apply(m_ctx, {plan("vendor_normalization"), std::nullopt, false, 1.0});
    m_ctx.say("");
    run_verify(m_ctx, plan("vendor_normalization"));
    m_ctx.say("");
    run_rollback(m_ctx, {plan("vendor_normalization"), 0, false});
    m_ctx.clear_url();
  }

  void next() {
    const bool postgres = m_url.dialect == core::Dialect::postgres;
    m_ctx.say("");
    heading(m_ctx, "Further exploration");
    report::TextTable table({{"COMMAND"}, {"SHOWS"}});
    table.add_row({"migrator demo --scale 10", "the same story on 1,000,000 receipts"});
    table.add_row({"migrator demo --html demo.html", "this story's figures as charts, in one page"});
    table.add_row({"migrator bench benchmarks --html bench.html", "the same measurements, more runs, as charts"});
    table.add_row({"migrator bench concurrency", "the application's traffic during each kind of migration"});
    table.add_row({std::string("migrator bench partitioning") + (postgres ? "" : " --db postgresql://..."),
                   "receipts partitioned by year, with and without pruning (PostgreSQL)"});
    table.add_row({"migrator status " + plan("construction_receipts"), "every version: when, how long, by whom"});
    table.add_row({"migrator check " + m_scenarios.string() + "/*", "the CI check: unsafe operations, with the safe way"});
    table.add_row({"migrator bench", "the load, the runner, the checks, fleets: measured on this machine"});
    m_ctx.say(table.render());
  }

  Context& m_ctx;
  const DemoArgs& m_args;
  db::Url m_url;
  std::filesystem::path m_scenarios;
  report::TextObserver m_observer;  // progress of the measurements (on a terminal only)
  nlohmann::json m_document;        // what --html draws
  generate::Config m_load;
};

}  // namespace

void add_demo(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  auto* cmd = app.add_subcommand("demo", "Run the scenarios as one story, measured (on the default SQLite database)");
  add_scale_option(*cmd, args->scale);
  cmd->add_option("--html", args->html, "Also write the story's figures as a page of charts (self-contained HTML)")
      ->type_name(value_kind::file);
  cmd->footer(std::string(plan::k_scenario_search_help));
  cmd->callback([&ctx, args] {
    if (ctx.json()) {
      throw core::UsageError("the demo is a story for people; it has no --format json",
                             "script the commands it runs instead: apply, verify, rollback, stats, bench --format json");
    }
    if (!args->html.empty()) {
      check_html_path(args->html);
    }
    Demo(ctx, *args).run();
  });
}

}  // namespace migrator::cli::commands
