#pragma once
// One file per command; each adds its subcommand to the app. The list is in cli/app.cpp.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "core/migration_version.hpp"
#include "cli/validators.hpp"
#include "cli/value_kind.hpp"
#include "runner/runner.hpp"

namespace migrator::cli::commands {

void add_apply(CLI::App& app, Context& ctx);
void add_rollback(CLI::App& app, Context& ctx);
void add_verify(CLI::App& app, Context& ctx);
void add_status(CLI::App& app, Context& ctx);
void add_repair(CLI::App& app, Context& ctx);
void add_baseline(CLI::App& app, Context& ctx);
void add_import(CLI::App& app, Context& ctx);
void add_new(CLI::App& app, Context& ctx);
void add_check(CLI::App& app, Context& ctx);
void add_bench(CLI::App& app, Context& ctx);
void add_stats(CLI::App& app, Context& ctx);
void add_demo(CLI::App& app, Context& ctx);
void add_completion(CLI::App& app, Context& ctx);
void add_man_page(CLI::App& app, Context& ctx);

// --scale N, the multiplier of generated data (apply, demo, bench): one name, one check.
inline void add_scale_option(CLI::App& cmd, double& scale) {
  cmd.add_option("--scale", scale, "Multiply the generated data, e.g. 10 for 1,000,000 receipts")
      ->type_name(value_kind::number)
      ->check(positive_number("1 = 100,000 receipts, 10 = 1,000,000"));
}

// The commands' bodies, for `migrator demo`, which tells them as one story.
struct ApplyArgs {
  std::string plan;
  std::optional<core::Version> to;
  bool dry_run = false;
  double scale = 1.0;
  bool allow_out_of_order = false;
};
struct RollbackArgs {
  std::string plan;
  core::Version to = 0;
  bool dry_run = false;
  bool cascade = false;
};
runner::RunReport run_apply(Context& ctx, const ApplyArgs& args);
void run_rollback(Context& ctx, const RollbackArgs& args);
void run_verify(Context& ctx, const std::string& plan);
void run_status(Context& ctx, const std::string& plan, bool exit_code = false);
void run_stats(Context& ctx);
// Sets ctx.exit_code as `migrator check` exits.
void run_check(Context& ctx, const std::vector<std::string>& plans);

}  // namespace migrator::cli::commands
