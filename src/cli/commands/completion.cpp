// migrator completion bash|zsh: prints the shell completion script, generated from this
// binary's own command line, so it always matches the commands and options it has.
#include <cstdio>

#include "cli/commands/commands.hpp"
#include "cli/model/model.hpp"

namespace migrator::cli::commands {

void add_completion(CLI::App& app, Context& /*ctx*/) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "Print the shell completion script for bash or zsh");
  with_choices(cmd->add_option("shell", *shell, "The shell to complete in")->required(), {"bash", "zsh"}, "shell");
  cmd->footer(
      "Enable it:\n"
      "  bash: source <(migrator completion bash)   (add it to ~/.bashrc to keep it)\n"
      "  zsh:  source <(migrator completion zsh)    (after compinit, in ~/.zshrc)\n"
      "Installed builds (cmake --install, the .deb) put both scripts where the shells find them.");
  // The root app, not the subcommand: the script describes every command.
  const CLI::App* root = &app;
  cmd->callback([root, shell] {
    const auto model = model::read_model(*root);
    const auto script = *shell == "bash" ? model::bash_completion(model) : model::zsh_completion(model);
    std::fputs(script.c_str(), stdout);
  });
}

}  // namespace migrator::cli::commands
