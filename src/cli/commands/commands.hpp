#pragma once
// One file per command; each adds its subcommand to the app. The list is in cli/app.cpp.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace migrator::cli::commands {

void add_apply(CLI::App& app, Context& ctx);
void add_rollback(CLI::App& app, Context& ctx);
void add_verify(CLI::App& app, Context& ctx);
void add_status(CLI::App& app, Context& ctx);
void add_new(CLI::App& app, Context& ctx);
void add_check(CLI::App& app, Context& ctx);
void add_bench(CLI::App& app, Context& ctx);
void add_stats(CLI::App& app, Context& ctx);

}  // namespace migrator::cli::commands
