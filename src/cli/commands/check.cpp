// migrator check PLAN... [--rehearse] [--rules]: the CI check of migration plans. Findings go
// to stdout as text, json or github annotations; exit 1 on an error-level finding, 2 when a
// plan does not load (or the configuration names an unknown rule), 0 when clean.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "cli/git_changes.hpp"
#include "plan/requirements.hpp"
#include "core/error.hpp"
#include "lint/format.hpp"
#include "lint/linter.hpp"
#include "lint/registry.hpp"
#include "lint/rehearse.hpp"
#include "plan/dir_listing.hpp"
#include "plan/loader.hpp"
#include "plan/sql_formats.hpp"
#include "report/text_observer.hpp"
#include "util/edit_distance.hpp"
#include "util/terminal.hpp"
#include "version/version.hpp"

namespace migrator::cli::commands {
namespace {

struct CheckArgs {
  std::vector<std::string> plans;
  bool rehearse = false;
  bool trace = false;
  bool rules = false;
  std::string copy_of;  // --template
  std::string since;    // --since: a git revision
};

// The loader's diagnostics, reported like the findings (rule "plan-invalid"): its errors,
// and the files it does not read, which in CI are errors too.
lint::Findings plan_findings(const core::Diagnostics& diagnostics) {
  lint::Findings out;
  for (const auto& d : diagnostics) {
    out.push_back({"plan-invalid", lint::Severity::error, d.loc,
                   (d.key.empty() ? "" : d.key + ": ") + d.message, d.hint});
  }
  return out;
}

// Migration files of a plan directory (what the summary counts), loadable or not.
std::size_t count_files(const std::filesystem::path& dir) {
  try {
    return plan::migration_file_count(plan::list_plan_dir(dir));
  } catch (const core::Error&) {
    return 0;  // the loader says why
  }
}

lint::LintOptions lint_options(Context& ctx) {
  lint::LintOptions options;
  std::vector<std::string_view> ids;
  for (const auto* rule : lint::all_rules()) {
    ids.push_back(rule->id());
  }
  for (const auto& [rule, level] : ctx.config().check_severity) {
    if (lint::find_rule(rule) == nullptr) {
      const auto nearest = util::nearest(rule, ids, 4);
      throw core::UsageError("unknown rule \"" + rule + "\" in " + ctx.config().file.string() +
                                 " check.severity",
                             nearest.empty() ? "`migrator check --rules` lists them"
                                             : "did you mean \"" + std::string(nearest) + "\"?");
    }
    options.severity[rule] = *lint::parse_severity_level(level);
  }
  return options;
}

void print_rules(const Context& ctx) {
  if (ctx.json()) {
    auto rules = nlohmann::json::array();
    for (const auto* rule : lint::all_rules()) {
      rules.push_back({{"id", rule->id()},
                       {"severity", std::string(lint::to_string(rule->severity()))},
                       {"summary", rule->summary()}});
    }
    ctx.print_json({{"ok", true}, {"rules", rules}});
    return;
  }
  std::size_t width = 0;
  for (const auto* rule : lint::all_rules()) {
    width = std::max(width, rule->id().size());
  }
  for (const auto* rule : lint::all_rules()) {
    std::cout << rule->id() << std::string(width + 2 - rule->id().size(), ' ')
              << lint::to_string(rule->severity()) << (rule->severity() == lint::Severity::error ? "    " : "  ")
              << rule->summary() << "\n";
  }
}

class Check {
 public:
  Check(Context& ctx, const CheckArgs& args) : m_ctx(ctx), m_args(args), m_options(lint_options(ctx)) {}

  void run() {
    auto plans = m_args.plans;
    if (plans.empty()) {
      plans.push_back(m_ctx.plan_dir("").string());
    }
    for (const auto& dir : plans) {
      check_plan(dir);
    }
    print();
    const bool errors = lint::count(m_findings, lint::Severity::error) > 0;
    m_ctx.exit_code = m_invalid ? core::exit_usage : errors ? core::exit_failed : core::exit_ok;
  }

 private:
  void check_plan(const std::filesystem::path& dir) {
    plan::Plan loaded;
    std::vector<plan::Plan> required;
    try {
      loaded = plan::load(dir);
      required = plan::required_plans(loaded);
    } catch (const core::PlanError& e) {
      add(plan_findings(e.diagnostics()));
      m_invalid = true;
      return;
    }
    if (!loaded.warnings.empty()) {
      add(plan_findings(loaded.warnings));
      m_invalid = true;
    }
    auto options = m_options;
    options.only_files = changed_files(dir, loaded);
    m_files += options.only_files ? count_migrations_in(loaded, *options.only_files) : count_files(dir);
    add(lint::Linter(options).lint(loaded, required));
    if (m_args.rehearse) {
      rehearse(dir, loaded, options.only_files);
    }
  }

  // check --since: the files of `dir` changed since the revision, or nullopt to check every
  // migration (no --since, or plan.yaml changed: its settings reach every migration).
  std::optional<std::set<std::filesystem::path>> changed_files(const std::filesystem::path& dir,
                                                               const plan::Plan& loaded) const {
    if (m_args.since.empty()) {
      return std::nullopt;
    }
    auto changed = files_changed_since(m_args.since, dir);
    const auto plan_yaml = std::filesystem::weakly_canonical(dir / "plan.yaml");
    if (changed.count(plan_yaml) != 0) {
      log(dir.string() + "/plan.yaml changed since " + m_args.since + ": every migration of the plan is checked");
      return std::nullopt;
    }
    const auto total = loaded.migrations.size() + loaded.repeatables.size();
    const auto checked = count_migrations_in(loaded, changed);
    log(checked == 0 ? "No migration of " + dir.string() + " changed since " + m_args.since
                     : "Checking " + std::to_string(checked) + " of the " + std::to_string(total) + " migrations of " +
                           dir.string() + ", those changed since " + m_args.since +
                           " (the others are read for the schema they build)");
    return changed;
  }

  static std::size_t count_migrations_in(const plan::Plan& loaded, const std::set<std::filesystem::path>& files) {
    const auto in = [&](const plan::Migration& m) { return lint::migration_in(m, files); };
    return static_cast<std::size_t>(std::count_if(loaded.migrations.begin(), loaded.migrations.end(), in) +
                                    std::count_if(loaded.repeatables.begin(), loaded.repeatables.end(), in));
  }

  void rehearse(const std::filesystem::path& dir, const plan::Plan& any_dialect,
                const std::optional<std::set<std::filesystem::path>>& only_files) {
    const auto url = m_ctx.url();
    const auto& dialects = any_dialect.dialects;
    if (!dialects.empty() && std::find(dialects.begin(), dialects.end(), url.dialect) == dialects.end()) {
      // A plan for PostgreSQL only among others checked on SQLite: linted, not rehearsed, and said.
      log("Not rehearsing \"" + any_dialect.name + "\": it is written for " +
                std::string(core::to_string(dialects.front())) + (dialects.size() > 1 ? " and others" : "") +
                ", and the rehearsal runs on " + std::string(core::to_string(url.dialect)) +
                " (--db names a database of its kind to rehearse it)");
      return;
    }
    plan::Plan loaded;
    try {
      loaded = plan::load(dir, {url.dialect});
    } catch (const core::PlanError& e) {
      add(plan_findings(e.diagnostics()));  // a field without SQL for this database
      m_invalid = true;
      return;
    }
    if (m_ctx.global.format == "text") {
      const std::string where = url.dialect == core::Dialect::sqlite ? "a scratch SQLite file"
                                                                     : "a scratch database on " + url.redacted;
      m_ctx.say("Rehearsing \"" + loaded.name + "\" on " +
                (m_args.copy_of.empty() ? where : where + " copied from " + m_args.copy_of));
    }
    report::TextObserver text(stdout, m_ctx.text_options());
    runner::Observer silent;
    lint::Trace trace;
    lint::RehearseOptions options;
    const bool traced = url.dialect == core::Dialect::postgres;
    options.trace = traced ? &trace : nullptr;
    options.limits.max_lock_ms = static_cast<double>(m_ctx.config().max_lock_ms.value_or(1000));
    options.limits.max_blocked_ms = static_cast<double>(m_ctx.config().max_blocked_ms.value_or(1000));
    options.copy_of = m_args.copy_of;
    std::size_t already_applied = 0;
    options.already_applied = &already_applied;
    auto findings = lint::rehearse(loaded, url, m_ctx.global.verbose ? static_cast<runner::Observer&>(text) : silent,
                                   options);
    if (already_applied > 0) {
      log(std::to_string(already_applied) + " migration" + (already_applied == 1 ? " was" : "s were") +
                " already applied in " + m_args.copy_of + ": rehearsed from there on");
    }
    if (traced) {
      report_trace(loaded, trace);
    }
    // --since: every migration is rehearsed (each needs the ones before); reported are the
    // findings in any file of a changed migration (a changed up file's rollback finding
    // stands in its down file).
    std::set<std::filesystem::path> reported;
    if (only_files) {
      for (const auto& m : loaded.migrations) {
        if (lint::migration_in(m, *only_files)) {
          const auto files = lint::migration_files(m);
          reported.insert(files.begin(), files.end());
        }
      }
    }
    for (auto& f : findings) {
      if (only_files && !f.loc.file.empty() && reported.count(std::filesystem::weakly_canonical(f.loc.file)) == 0) {
        continue;
      }
      const auto level = m_options.severity.find(f.rule);
      if (level == m_options.severity.end() || level->second.severity) {
        f.severity = level == m_options.severity.end() ? f.severity : *level->second.severity;
        m_findings.push_back(std::move(f));
      }
    }
  }

  // A line for a person reading the log: text and github output; never inside a json or
  // sarif document.
  void log(const std::string& line) const {
    if (m_ctx.global.format == "text" || m_ctx.global.format == "github") {
      m_ctx.say(line);
    }
  }

  // What the traced rehearsal measured: the statement table in text, the trace in JSON.
  void report_trace(const plan::Plan& plan, const lint::Trace& trace) {
    if (m_ctx.global.format == "text" && !m_ctx.global.quiet) {
      m_ctx.say("\nWhat each statement did on the scratch database (\"" + plan.name + "\"):");
      m_ctx.say(lint::trace_text(trace));
    }
    if (m_ctx.global.format == "github") {
      // In the job's log, folded; in the job's summary page, as a table.
      std::cout << "::group::What each statement of \"" << plan.name << "\" did\n"
                << lint::trace_text(trace) << "::endgroup::\n";
      if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary != nullptr && *summary != '\0') {
        std::ofstream(summary, std::ios::app) << lint::trace_markdown(trace, plan.name);
      }
    }
    auto json = lint::trace_json(trace);
    json["plan"] = plan.name;
    m_traces.push_back(std::move(json));
  }

  void add(lint::Findings findings) {
    m_findings.insert(m_findings.end(), std::make_move_iterator(findings.begin()),
                      std::make_move_iterator(findings.end()));
  }

  void print() const {
    const auto& format = m_ctx.global.format;
    if (format == "json") {
      const auto errors = lint::count(m_findings, lint::Severity::error);
      nlohmann::json document{{"ok", errors == 0 && !m_invalid},
                              {"findings", lint::findings_json(m_findings)},
                              {"summary",
                               {{"errors", errors}, {"warnings", m_findings.size() - errors}, {"files", m_files}}}};
      if (!m_traces.empty()) {
        document["traces"] = m_traces;  // check --rehearse on PostgreSQL
      }
      m_ctx.print_json(document);
    } else if (format == "sarif") {
      std::cout << lint::format_sarif(m_findings, version::line());
    } else if (format == "github") {
      std::cout << lint::format_github(m_findings) << lint::summary_line(m_findings, m_files) << "\n";
    } else if (!m_ctx.global.quiet || !m_findings.empty()) {
      if (m_args.rehearse) {
        std::cout << "\n";
      }
      std::cout << lint::format_text(m_findings, m_files, util::colour_enabled(STDOUT_FILENO));
    }
    std::cout.flush();
  }

  Context& m_ctx;
  const CheckArgs& m_args;
  lint::LintOptions m_options;
  lint::Findings m_findings;
  std::size_t m_files = 0;
  bool m_invalid = false;
  std::vector<nlohmann::json> m_traces;
};

}  // namespace

void run_check(Context& ctx, const std::vector<std::string>& plans) {
  const CheckArgs args{plans, false, false, false, "", ""};
  Check(ctx, args).run();
}

void add_check(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand("check", "Check plans for CI: schema, SQL syntax, unsafe operations; --rehearse runs them");
  cmd->add_option("plans", args->plans, "Plan directories (default: plan: in migrator.yaml, else ./migrations)")
      ->type_name(value_kind::plan);
  cmd->add_flag("--rehearse", args->rehearse,
                "Also apply, roll back and re-apply every migration on a scratch database (--db picks the server)");
  cmd->add_flag("--trace", args->trace,
                "Rehearse and trace each statement's locks, rewrites and blocked traffic (PostgreSQL; what --rehearse "
                "does there by default)");
  cmd->add_option("--template", args->copy_of,
                  "Rehearse on a copy of this database (PostgreSQL: its name on the --db server; SQLite: a file), "
                  "from the version its history is at")
      ->type_name(value_kind::database);
  cmd->add_option("--since", args->since,
                  "Report only on the migrations added or changed since this git revision (e.g. origin/main); "
                  "the earlier ones are still read for the schema they build")
      ->type_name("REV");
  cmd->add_flag("--rules", args->rules, "List the rules: id, default severity, what each catches");
  cmd->callback([&ctx, args] {
    if (args->rules) {
      print_rules(ctx);
      return;
    }
    if (args->trace) {
      if (ctx.url().dialect != core::Dialect::postgres) {
        throw core::UsageError("--trace reads PostgreSQL's locks and files (pg_locks, relfilenode); the rehearsal here "
                               "runs on " + std::string(core::to_string(ctx.url().dialect)),
                               "give --db postgresql://... (a server where you may create a scratch database), or use "
                               "--rehearse alone");
      }
      args->rehearse = true;
    }
    if (!args->copy_of.empty()) {
      args->rehearse = true;  // a copy is only ever rehearsed on
    }
    Check(ctx, *args).run();
  });
}

}  // namespace migrator::cli::commands
