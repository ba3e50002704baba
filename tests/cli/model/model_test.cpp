// The command-line model read from a CLI11 app: what completion and the man page are made of.
// A small app of the test's own shows that a new command, option or choice appears without
// anything else being edited; the real app's model is checked against its --help.
#include "cli/model/model.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "cli/validators.hpp"
#include "cli/value_kind.hpp"

namespace {

using migrator::cli::model::Model;
using migrator::cli::model::ValueCompletion;

// A program like migrator: global options, a command with a plan and a choice, a hidden one.
struct ToyApp {
  CLI::App app{"toy: a test program", "toy"};
  std::string db, format = "text", plan, kind, out;
  bool quiet = false;
  ToyApp() {
    app.add_option("--db", db, "Database URL")->type_name(migrator::cli::value_kind::url);
    migrator::cli::with_choices(app.add_option("--format", format, "Output"), {"text", "json"}, "format");
    app.add_flag("-q,--quiet", quiet, "Print nothing");
    auto* run = app.add_subcommand("run", "Run a plan");
    run->add_option("plan", plan, "Plan directory")->type_name(migrator::cli::value_kind::plan);
    migrator::cli::with_choices(run->add_option("--kind", kind, "Which kind"), {"fast", "slow"}, "kind");
    run->add_option("--out", out, "Output file")->type_name(migrator::cli::value_kind::file)->required();
    run->footer("Runs it.");
    app.add_subcommand("secret", "Not for people")->group("");
  }
};

const migrator::cli::model::Option* find_option(const std::vector<migrator::cli::model::Option>& options,
                                                const std::string& name) {
  const auto found = std::find_if(options.begin(), options.end(), [&](const auto& o) {
    return std::find(o.names.begin(), o.names.end(), name) != o.names.end();
  });
  return found == options.end() ? nullptr : &*found;
}

}  // namespace

TEST_CASE("model: global options, with their value names and choices", "[cli]") {
  ToyApp toy;
  const Model model = migrator::cli::model::read_model(toy.app);
  CHECK(model.program == "toy");
  CHECK(model.help == "toy: a test program");

  const auto* db = find_option(model.global_options, "--db");
  REQUIRE(db != nullptr);
  CHECK(db->takes_value);
  CHECK(db->value_name == "URL");
  CHECK(db->value.kind == ValueCompletion::Kind::nothing);

  const auto* format = find_option(model.global_options, "--format");
  REQUIRE(format != nullptr);
  CHECK(format->value.kind == ValueCompletion::Kind::words);
  CHECK(format->value.words == std::vector<std::string>{"text", "json"});

  const auto* quiet = find_option(model.global_options, "-q");
  REQUIRE(quiet != nullptr);
  CHECK(quiet->names == std::vector<std::string>{"-q", "--quiet"});
  CHECK_FALSE(quiet->takes_value);
  CHECK(find_option(model.global_options, "--help") != nullptr);
}

TEST_CASE("model: a command's own options and positionals, hidden commands left out", "[cli]") {
  ToyApp toy;
  const Model model = migrator::cli::model::read_model(toy.app);
  REQUIRE(model.commands.size() == 1);
  const auto& run = model.commands.front();
  CHECK(run.name == "run");
  CHECK(run.help == "Run a plan");
  CHECK(run.footer == "Runs it.");
  // --help belongs to the global list, not to each command's.
  CHECK(find_option(run.options, "--help") == nullptr);

  REQUIRE(run.positionals.size() == 1);
  CHECK(run.positionals.front().name == "plan");
  CHECK(run.positionals.front().value_name == "PLAN");
  CHECK(run.positionals.front().value.kind == ValueCompletion::Kind::directories);
  CHECK_FALSE(run.positionals.front().repeats);

  const auto* kind = find_option(run.options, "--kind");
  REQUIRE(kind != nullptr);
  CHECK(kind->value.words == std::vector<std::string>{"fast", "slow"});
  const auto* out = find_option(run.options, "--out");
  REQUIRE(out != nullptr);
  CHECK(out->value.kind == ValueCompletion::Kind::files);
  CHECK(out->required);
}

TEST_CASE("model: a repeated positional takes every later word", "[cli]") {
  CLI::App app{"toy", "toy"};
  std::vector<std::string> plans;
  app.add_subcommand("check", "Check")->add_option("plans", plans, "Plans")->type_name("PLAN");
  const auto model = migrator::cli::model::read_model(app);
  REQUIRE(model.commands.front().positionals.size() == 1);
  CHECK(model.commands.front().positionals.front().repeats);
}
