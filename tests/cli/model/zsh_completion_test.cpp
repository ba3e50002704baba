// The zsh completion script, in a real zsh: it parses, registers with compinit, and Tab in
// an interactive zsh (driven through zsh/zpty, a pseudo-terminal) offers the choices.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

struct ZshCompletion {
  migrator::test::TempDir dir;
  ZshCompletion() {
    REQUIRE(run_command(shell_quote(MIGRATOR_BINARY) + " completion zsh > " +
                        shell_quote((dir / "_migrator").string()))
                .exit_code == 0);
  }

  // What an interactive zsh shows after typing `line` and Tab: the edited line and the list.
  std::string tab(const std::string& line) const {
    const auto d = dir.path().string();
    // Keys typed before zsh's line editor starts are lost, so the editor says when it is
    // ready (a zle-line-init hook; the marker is split in the command so that the echo of
    // the command itself does not match it).
    dir.write("tab.zsh",
              "zmodload zsh/zpty\n"
              "zpty z 'zsh -f -i'\n"
              "zpty -w z 'PS1=\"%% \"; fpath=(" + d + " $fpath); autoload -Uz compinit; compinit -u -d " + d +
                  "/zcompdump; zstyle \":completion:*\" menu no; "
                  "zle-line-init() { print -n LINE\"\"-EDITOR-READY }; zle -N zle-line-init'\n"
              "zpty -r z out '*LINE-EDITOR-READY*'\n"
              "zpty -n -w z " + shell_quote(line) + "$'\\t'\n"
              "zpty -n -w z $'\\C-u'\"print -r -- DO\"\"NE\"$'\\n'\n"
              "zpty -r z out '*DONE*'\n"
              "print -r -- \"$out\"\n"
              "zpty -d z\n");
    const auto result = run_command("cd " + shell_quote(d) + " && timeout 30 zsh -f tab.zsh");
    REQUIRE(result.exit_code == 0);
    return result.output;
  }
};

}  // namespace

TEST_CASE("zsh completion: the script parses and compinit registers it", "[cli]") {
  const ZshCompletion completion;
  const auto file = shell_quote((completion.dir / "_migrator").string());
  CHECK(run_command("zsh -n " + file).exit_code == 0);
  const auto registered = run_command(
      "zsh -fc " + shell_quote("fpath=(" + completion.dir.path().string() + " $fpath); autoload -Uz compinit; "
                               "compinit -u -d " + (completion.dir / "zcompdump").string() +
                               "; print -r -- $_comps[migrator]"));
  CHECK(registered.output == "_migrator\n");
}

TEST_CASE("zsh completion: Tab offers commands, and an option's choices", "[cli]") {
  const ZshCompletion completion;
  // status and stats share "stat": zsh inserts it.
  CHECK_THAT(completion.tab("migrator st"), Catch::Contains("migrator stat"));
  const auto formats = completion.tab("migrator apply --format ");
  CHECK_THAT(formats, Catch::Contains("github") && Catch::Contains("json") && Catch::Contains("text"));
  CHECK_THAT(completion.tab("migrator bench constr"), Catch::Contains("construction_receipts"));
}
