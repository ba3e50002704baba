#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/context.hpp"
#include "cli/diagnostic_output.hpp"
#include "cli/validators.hpp"
#include "cli/value_kind.hpp"
#include "core/error.hpp"
#include "report/json_report.hpp"
#include "util/edit_distance.hpp"
#include "util/interrupt.hpp"
#include "util/terminal.hpp"
#include "version/version.hpp"
#include "util/json_text.hpp"

namespace migrator::cli {
namespace {

// The commands, in the order `migrator --help` lists them.
constexpr void (*k_commands[])(CLI::App&, Context&) = {
    commands::add_apply,  commands::add_verify,     commands::add_rollback, commands::add_status,
    commands::add_repair, commands::add_baseline,   commands::add_import,   commands::add_check,
    commands::add_new,    commands::add_stats,      commands::add_bench,    commands::add_demo,
    commands::add_completion, commands::add_man_page,
};

// After SIGINT or SIGTERM the exit code is 128 + the signal, whatever the work ended with
// (a cancelled statement fails like any other, and its message says what was undone).
int stopped_exit_code(int code) {
  const int signal = util::interrupt_signal();
  if (signal == 0) {
    return code;
  }
  std::cerr << "migrator: " << util::interrupt_name(signal)
            << (code == core::exit_ok ? ": the work had finished before it could stop" : "") << "\n";
  return 128 + signal;
}

void print_error(const core::Error& error, const Context& ctx) {
  const bool colour = util::colour_enabled(STDERR_FILENO);
  const auto* plan_error = dynamic_cast<const core::PlanError*>(&error);
  if (plan_error != nullptr) {
    for (const auto& d : plan_error->diagnostics()) {
      print_diagnostic(d, DiagnosticLevel::error);
    }
    const auto n = plan_error->diagnostics().size();
    std::cerr << "migrator: " << n << (n == 1 ? " problem" : " problems")
              << " in " << plan_error->subject() << "; nothing was changed\n";
  } else {
    std::cerr << "migrator: " << util::styled("error", util::Style::red, colour) << ": "
              << error.what() << "\n";
    if (!error.hint().empty()) {
      std::cerr << "  hint: " << error.hint() << "\n";
    }
  }
  if (ctx.json() && !ctx.json_printed()) {
    std::cout << util::json_text(report::error_json(error)) << std::endl;
  }
}

// CLI11 reports a mistyped command as "A subcommand is required"; say what was typed instead.
void reject_unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') {
    return;
  }
  const std::string typed = argv[1];
  std::vector<std::string_view> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
    if (sub->get_name() == typed) {
      return;
    }
  }
  const auto nearest = util::nearest(typed, names);
  std::string all;
  for (const auto name : names) {
    all += (all.empty() ? "" : ", ") + std::string(name);
  }
  throw core::UsageError("unknown command \"" + typed + "\"",
                         nearest.empty() ? "commands: " + all + "; see `migrator --help`"
                                         : "did you mean `migrator " + std::string(nearest) + "`?");
}

// The long option names `command` takes, its own and the global ones, for "did you mean".
std::vector<std::string> option_names(const CLI::App& command, const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* owner : {&command, &app}) {
    for (const auto* option : owner->get_options()) {
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  }
  return names;
}

// "The following argument was not expected: --dryrun": the hint names the nearest option.
std::string unexpected_option_hint(const CLI::ParseError& error, const CLI::App& app) {
  const std::string message = error.what();
  const auto colon = message.rfind(": ");
  const auto* command = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
  if (colon == std::string::npos || message.find("not expected") == std::string::npos) {
    return "";
  }
  auto typed = message.substr(colon + 2);
  typed = typed.substr(0, typed.find_first_of(" =,"));
  if (typed.rfind("-", 0) != 0) {
    return "";
  }
  const auto names = option_names(*command, app);
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  const auto nearest = util::nearest(typed, candidates);
  return nearest.empty() ? "" : "did you mean " + std::string(nearest) + "? ";
}

// The global options, as a command's --help lists its own: CLI11 shows a command only its own.
std::string global_options_text(const CLI::App& app) {
  std::string out = "Global options (they may also come before the command):\n";
  for (const auto* option : app.get_options()) {
    if (option->get_lnames().empty() || option->get_lnames().front() == "help" ||
        option->get_lnames().front() == "help-all" || option->get_lnames().front() == "version") {
      continue;
    }
    std::string name = option->get_name(false, true);
    if (!option->get_type_name().empty() && option->get_type_size() != 0) {
      name += " " + option->get_type_name();
    }
    out += "  " + name + std::string(name.size() < 28 ? 28 - name.size() : 1, ' ') + option->get_description() + "\n";
  }
  return out;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"migrator: versioned, verified, reversible database migrations", "migrator"};
  app.set_version_flag("--version", version::line(), "Print the version and the commit it was built from");
  app.set_help_all_flag("--help-all", "Print the help of every command (what the man page shows)");
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the command: `migrator apply plan --db URL`
  Context ctx;
  app.add_option("--db", ctx.global.dbs,
                 "Database URL: sqlite:PATH, sqlite::memory:, postgresql://user:pass@host:port/db "
                 "(default: $DATABASE_URL, database: in migrator.yaml, sqlite:migrator.db); "
                 "more than once: apply, rollback, verify or status on each")
      ->type_name(value_kind::url)
      ->allow_extra_args(false)  // one URL per --db: `--db URL PLAN` leaves PLAN to the command
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  with_choices(app.add_option("--format", ctx.global.format,
                              "Output: text, json (for scripts), github (check: annotations for GitHub Actions) or "
                              "sarif (check: a SARIF 2.1.0 log for code scanning)"),
               {"text", "json", "github", "sarif"}, "output format");
  app.add_flag("-q,--quiet", ctx.global.quiet, "Print nothing but errors");
  app.add_flag("-v,--verbose", ctx.global.verbose, "Also print each step as it starts");
  app.add_option("--lock-timeout", ctx.global.lock_timeout,
                 "How long to wait for another run's migration lock (default 60s)")
      ->type_name(value_kind::duration)
      ->check(duration());
  for (const auto add : k_commands) {
    add(app, ctx);
  }
  // After the commands: a footer set earlier is copied into every command's --help.
  app.footer(
      "A plan is a directory of migrations. Every step carries its forward SQL, the checks that\n"
      "prove it worked (verify) and the SQL that undoes it (rollback); preserve invariants are\n"
      "read before a migration and compared after it. SQLite is the default database;\n"
      "PostgreSQL is a URL away.\n"
      "\n"
      "Global options may follow the command: migrator apply PLAN --db URL.\n"
      "`migrator COMMAND --help` shows a command's own options; `man migrator` all of them.");
  const auto global_options = global_options_text(app);
  for (auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    const auto own = command->get_footer();
    command->footer(global_options + (own.empty() ? "" : "\n" + own));
  }
  try {
    reject_unknown_command(app, argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "migrator: error: " << e.what() << "\n  hint: " << unexpected_option_hint(e, app)
              << "run `migrator --help`"
              << (app.get_subcommands().empty() ? "" : " or `migrator " +
                                                           app.get_subcommands().front()->get_name() +
                                                           " --help`")
              << "\n";
    return core::exit_usage;
  } catch (const core::Error& e) {
    print_error(e, ctx);
    return stopped_exit_code(e.exit_code());
  } catch (const std::filesystem::filesystem_error& e) {
    // A path the user gave that the system refuses (too long, a loop of links, no access),
    // reached somewhere not yet guarded: the system's own words, as bad usage.
    std::cerr << "migrator: error: " << e.code().message() << ": \"" << e.path1().string() << "\"\n"
              << "  hint: check the path and its permissions\n";
    return core::exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "migrator: internal error: " << e.what()
              << "\n  hint: this is a bug; please report it with the command you ran\n";
    return stopped_exit_code(core::exit_failed);
  }
  return stopped_exit_code(ctx.exit_code);
}

}  // namespace migrator::cli
