// migrator man-page: prints the man page's generated part in roff, from this binary's own
// command line. Hidden from --help: the build runs it to write migrator.1 (cmake/ManPage.cmake),
// and a person reads the result with `man migrator`.
#include <cstdio>

#include "cli/commands/commands.hpp"
#include "cli/model/model.hpp"
#include "version/version.hpp"

namespace migrator::cli::commands {

void add_man_page(CLI::App& app, Context& /*ctx*/) {
  auto* cmd = app.add_subcommand("man-page", "Print the man page's generated sections (roff)");
  cmd->group("");  // hidden: for the build, not for a person
  const CLI::App* root = &app;
  cmd->callback([root] {
    const auto page = model::man_page(model::read_model(*root), "migrator " + std::string(version::release()));
    std::fputs(page.c_str(), stdout);
  });
}

}  // namespace migrator::cli::commands
