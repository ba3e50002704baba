#include "cli/diagnostic_output.hpp"

#include <unistd.h>

#include <iostream>

#include "util/terminal.hpp"

namespace migrator::cli {

void print_diagnostic(const core::Diagnostic& d, DiagnosticLevel level) {
  const bool colour = util::colour_enabled(STDERR_FILENO);
  const bool error = level == DiagnosticLevel::error;
  std::cerr << util::styled(d.loc.str(), util::Style::bold, colour) << ": " << (d.key.empty() ? "" : d.key + ": ")
            << util::styled(error ? "error" : "warning", error ? util::Style::red : util::Style::yellow, colour)
            << ": " << d.message << "\n";
  if (!d.hint.empty()) {
    std::cerr << "  hint: " << d.hint << "\n";
  }
}

}  // namespace migrator::cli
