#include "runner/operations/generate.hpp"

#include <fmt/format.h>

#include "generate/loader.hpp"

namespace migrator::runner::operations {

void Generate::run(const plan::Operation& op, OperationContext& ctx) const {
  const auto config = generate::config_from_args(op.args, ctx.scale);
  const auto report = generate::load(
      ctx.db, config, [&](std::string_view table, std::uint64_t done, std::uint64_t total) {
        ctx.observer.on_progress(table, done, total);
      });
  for (const auto& line : generate::render_text(report.statistics)) {
    ctx.observer.on_output(line);
  }
}

std::string Generate::describe(const plan::Operation& op, core::Dialect dialect,
                               double scale) const {
  const auto c = generate::config_from_args(op.args, scale);
  std::string tables;
  for (const auto& spec : generate::tables()) {
    tables += (tables.empty() ? "" : ", ") + std::string(spec.name);
  }
  return fmt::format(
      "-- generate (seed {}): {} receipts with their items, {} inventory items, {} market "
      "valuations ({}%), {} asset movements ({}%), {} years from {} (--scale {})\n-- into {} by "
      "{}",
      c.seed, generate::format_count(c.receipts), generate::format_count(c.inventory),
      generate::format_count(c.valuations()), c.valuation_percent,
      generate::format_count(c.movements()), c.movement_percent, c.years,
      generate::format_date(c.start_date), scale, tables,
      dialect == core::Dialect::postgres ? "COPY FROM STDIN" : "batched prepared INSERTs");
}

}  // namespace migrator::runner::operations
