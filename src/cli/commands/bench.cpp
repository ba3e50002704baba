// migrator bench [CASE] [--scale N] [--out FILE]: measured figures, never asserted.
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bench/bench.hpp"
#include "bench/document.hpp"
#include "cli/commands/commands.hpp"
#include "cli/html_output.hpp"
#include "core/error.hpp"
#include "history/store.hpp"
#include "plan/loader.hpp"
#include "plan/scenario_dir.hpp"
#include "report/text_observer.hpp"
#include "util/terminal.hpp"
#include "version/version.hpp"
#include "util/json_text.hpp"

namespace migrator::cli::commands {
namespace {

struct BenchArgs {
  std::string which;
  double scale = 1.0;
  std::string out;
  std::string html;
  std::string history;
};

void run_bench(Context& ctx, const BenchArgs& args) {
  if (!args.html.empty()) {
    check_html_path(args.html);
  }
  if (!args.history.empty()) {
    if (!std::filesystem::is_directory(args.history)) {
      throw core::UsageError("--history " + args.history + ": no such directory",
                             "name a folder of migrations (YAML, dbmate, golang-migrate, Flyway or diesel)");
    }
    plan::load(args.history);  // not a plan: its problems said before anything is measured
  }
  std::vector<const bench::BenchCase*> cases;
  if (args.which.empty()) {
    for (const auto& c : bench::bench_cases()) {
      cases.push_back(&c);
    }
  } else {
    cases.push_back(bench::find_bench_case(args.which));  // one_of() let only known names in
  }
  const auto url = ctx.url();
  report::TextObserver observer(stdout, ctx.text_options());
  const bool colour = ctx.text_options().colour;
  auto document = bench::new_document(url, args.scale);
  for (const auto* c : cases) {
    ctx.say("\n" + util::styled(fmt::format("bench {}: {}", c->name, c->description), util::Style::bold, colour) +
            "\n" + util::styled("on " + url.redacted, util::Style::dim, colour) + "\n");
    nlohmann::json results = nlohmann::json::object();
    bench::BenchContext bench_ctx{url, args.scale, observer, [&](const std::string& line) {
                                    observer.clear_progress();
                                    ctx.say(line);
                                  },
                                  results, 5, args.history};
    c->run(bench_ctx);
    document["cases"][std::string(c->name)] = results;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  document["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  if (!args.html.empty()) {
    write_html_report(ctx, args.html, document, "migrator bench");
  }
  if (!args.out.empty()) {
    std::ofstream(args.out) << util::json_text(document) << "\n";
    ctx.say("\nFigures written to " + args.out);
  }
  if (ctx.json()) {
    ctx.print_json(document);
  }
}

}  // namespace

void add_bench(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<BenchArgs>();
  auto* cmd = app.add_subcommand("bench", "Measure the runner, the data load and the checks (figures, not tests)");
  std::vector<std::string> names;
  for (const auto& known : bench::bench_cases()) {
    names.emplace_back(known.name);
  }
  with_choices(cmd->add_option("case", args->which, "One benchmark (default: all)"), names, "benchmark");
  add_scale_option(*cmd, args->scale);
  cmd->add_option("--out", args->out, "Also write the figures as JSON to this file")->type_name(value_kind::file);
  cmd->add_option("--html", args->html, "Also write the figures as a page of charts (self-contained HTML) to this file")
      ->type_name(value_kind::file);
  cmd->add_option("--history", args->history,
                  "bench check: also time check on this real migration history beside squawk on its .sql files")
      ->type_name(value_kind::plan);
  cmd->footer(std::string(plan::k_scenario_search_help));
  cmd->callback([&ctx, args] { run_bench(ctx, *args); });
}

}  // namespace migrator::cli::commands
