#pragma once
// apply, rollback, verify and status on many databases: --targets FILE, --db given more
// than once, or targets: in migrator.yaml; --parallel, --canary, --on-error. Each target
// runs exactly as a single run would (its own connection, lock and history).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "fleet/fleet.hpp"
#include "runner/runner.hpp"

namespace migrator::cli {

// Adds --targets, --parallel, --canary and --on-error to `cmd`, bound to ctx.fleet.
void add_fleet_options(CLI::App& cmd, Context& ctx);

// The targets of this run, or nothing when it is a run on one database. Throws UsageError
// when fleet options come without targets.
std::optional<std::vector<fleet::Target>> fleet_targets(Context& ctx);

void apply_fleet(Context& ctx, const std::vector<fleet::Target>& targets, const std::string& plan_arg,
                 const runner::ApplyOptions& options);
void rollback_fleet(Context& ctx, const std::vector<fleet::Target>& targets, const std::string& plan_arg,
                    const runner::RollbackOptions& options);
void verify_fleet(Context& ctx, const std::vector<fleet::Target>& targets, const std::string& plan_arg);
// `exit_code`: status --exit-code, 1 unless every target is at the plan's head.
void status_fleet(Context& ctx, const std::vector<fleet::Target>& targets, const std::string& plan_arg, bool exit_code);

}  // namespace migrator::cli
