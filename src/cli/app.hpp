#pragma once

namespace migrator::cli {

// Parses the command line, runs the command, prints any error; returns SPEC's exit code.
int run(int argc, char** argv);

}  // namespace migrator::cli
