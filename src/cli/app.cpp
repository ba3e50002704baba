#include "cli/app.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace migrator::cli {

int run(int argc, char** argv) {
  CLI::App app{"migrator: versioned, verified, reversible database migrations"};
  app.set_version_flag("--version", std::string("migrator ") + MIGRATOR_VERSION);
  CLI11_PARSE(app, argc, argv);
  return 0;
}

}  // namespace migrator::cli
