// The bash completion script, run in a real bash as bash runs it on Tab: COMP_WORDS and
// COMP_CWORD set, the function `complete -p` names called, COMPREPLY read back.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/model/model.hpp"
#include "cli/validators.hpp"
#include "cli/value_kind.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

// The script `migrator completion bash` prints, in a file, with plan directories beside it.
struct Completion {
  migrator::test::TempDir dir;
  std::filesystem::path script = dir / "migrator.bash";
  Completion() {
    const auto written = run_command(shell_quote(MIGRATOR_BINARY) + " completion bash > " +
                                     shell_quote(script.string()));
    REQUIRE(written.exit_code == 0);
    dir.write("plans/vendors/001_create.yaml", "");
    dir.write("plans/taxes/001_add.yaml", "");
    dir.write("notes.txt", "");
  }
  explicit Completion(const std::string& text) { dir.write("migrator.bash", text); }

  // What Tab offers after `words` (the last one is the word being completed), one per line.
  std::string complete(const std::vector<std::string>& words) const {
    std::string array;
    for (const auto& word : words) {
      array += " " + shell_quote(word);
    }
    const auto body = "source " + shell_quote(script.string()) + " && COMP_WORDS=(" + array +
                      ") && COMP_CWORD=" + std::to_string(words.size() - 1) +
                      " && $(complete -p " + shell_quote(words.front()) +
                      " | sed -E 's/.*-F ([^ ]+) .*/\\1/') && for w in \"${COMPREPLY[@]}\"; do printf '%s\\n' \"$w\"; done";
    const auto result = run_command("cd " + shell_quote(dir.path().string()) + " && bash -c " + shell_quote(body));
    REQUIRE(result.exit_code == 0);
    return result.output;
  }
};

}  // namespace

TEST_CASE("bash completion: the script parses and registers for migrator and ./migrator", "[cli]") {
  const Completion completion;
  CHECK(run_command("bash -n " + shell_quote(completion.script.string())).exit_code == 0);
  const auto registered = run_command("bash -c " + shell_quote("source " + shell_quote(completion.script.string()) +
                                                               " && complete -p migrator ./migrator"));
  CHECK(registered.exit_code == 0);
  CHECK(registered.output == "complete -F _migrator migrator\ncomplete -F _migrator ./migrator\n");
}

TEST_CASE("bash completion: commands, and what a prefix narrows them to", "[cli]") {
  const Completion completion;
  CHECK(completion.complete({"migrator", "st"}) == "status\nstats\n");
  const auto all = completion.complete({"migrator", ""});
  for (const auto* command : {"apply", "verify", "rollback", "status", "check", "new", "stats", "bench",
                              "demo", "completion"}) {
    CHECK_THAT(all, Catch::Contains(std::string(command) + "\n"));
  }
  // The build's own command stays out of a person's way, as it does in --help.
  CHECK_THAT(all, !Catch::Contains("man-page"));
}

TEST_CASE("bash completion: options of the command, the global ones included", "[cli]") {
  const Completion completion;
  CHECK(completion.complete({"migrator", "check", "--r"}) == "--rehearse\n--rules\n");
  CHECK(completion.complete({"migrator", "apply", "--d"}) == "--db\n--dry-run\n");
  // Global options before the command do not hide it.
  CHECK(completion.complete({"migrator", "-q", "--db", "sqlite:x.db", "apply", "--dr"}) == "--dry-run\n");
  CHECK(completion.complete({"migrator", "--f"}) == "--format\n");
}

TEST_CASE("bash completion: option values: choices, or nothing to guess", "[cli]") {
  const Completion completion;
  CHECK(completion.complete({"migrator", "status", "--format", ""}) == "text\njson\ngithub\nsarif\n");
  CHECK(completion.complete({"migrator", "status", "--format", "j"}) == "json\n");
  // bash splits `--format=j` at '='.
  CHECK(completion.complete({"migrator", "status", "--format", "=", "j"}) == "json\n");
  CHECK(completion.complete({"migrator", "apply", "--db", ""}).empty());
  CHECK(completion.complete({"migrator", "bench", "--out", "no"}) == "notes.txt\n");
}

TEST_CASE("bash completion: plan directories, benchmark names, shells", "[cli]") {
  const Completion completion;
  CHECK(completion.complete({"migrator", "apply", "pl"}) == "plans\n");
  CHECK(completion.complete({"migrator", "apply", "plans/"}) == "plans/taxes\nplans/vendors\n");
  // check takes several plans: every later word is one too.
  CHECK(completion.complete({"migrator", "check", "plans/taxes", "plans/v"}) == "plans/vendors\n");
  // After the one plan apply takes, there is nothing more to complete.
  CHECK(completion.complete({"migrator", "new", "plans/taxes", ""}).empty());
  CHECK(completion.complete({"migrator", "bench", "cons"}) == "construction_receipts\n");
  CHECK(completion.complete({"migrator", "bench", "conc"}) == "concurrency\n");
  CHECK(completion.complete({"migrator", "bench", "--scale", "2", "b"}) == "benchmarks\n");
  CHECK(completion.complete({"migrator", "completion", ""}) == "bash\nzsh\n");
}

TEST_CASE("bash completion: a new option completes without anyone editing a script", "[cli]") {
  CLI::App app{"toy", "toy"};
  std::string level;
  std::string target;
  auto* deploy = app.add_subcommand("deploy", "Deploy");
  migrator::cli::with_choices(deploy->add_option("--level", level, "How far"), {"low", "high"}, "level");
  deploy->add_option("target", target, "Where")->type_name(migrator::cli::value_kind::directory);
  const Completion completion(migrator::cli::model::bash_completion(migrator::cli::model::read_model(app)));
  CHECK(completion.complete({"toy", "dep"}) == "deploy\n");
  CHECK(completion.complete({"toy", "deploy", "--l"}) == "--level\n");
  CHECK(completion.complete({"toy", "deploy", "--level", "h"}) == "high\n");
}
