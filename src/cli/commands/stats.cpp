// migrator stats: the construction data's statistics as the seed document prints them (rows
// per table, Total Spent, Inventory Value, Inflation Gains), or --format json.
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "core/error.hpp"
#include "generate/statistics.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {

void run_stats(Context& ctx) {
  auto db = ctx.connect_existing(ctx.url());
  generate::Statistics stats;
  try {
    stats = generate::collect_statistics(*db);
  } catch (const db::SqlError& e) {
    throw core::UsageError("no construction data in " + db->describe() + ": " + e.db_message(),
                           "load it first: migrator apply scenarios/construction_receipts");
  }
  if (ctx.json()) {
    ctx.print_json(generate::to_json(stats));
    return;
  }
  for (const auto& line : generate::render_text(stats)) {
    ctx.say(line);
  }
}

void add_stats(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "stats", "Show the construction data's statistics: rows per table, money totals");
  cmd->callback([&ctx] { run_stats(ctx); });
}

}  // namespace migrator::cli::commands
