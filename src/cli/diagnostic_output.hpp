#pragma once
// A plan diagnostic on stderr as the CLI prints it: "FILE:LINE: KEY: error: message" and
// its hint, the level coloured on a terminal (NO_COLOR respected).
#include "core/diagnostic.hpp"

namespace migrator::cli {

enum class DiagnosticLevel { error, warning };

void print_diagnostic(const core::Diagnostic& diagnostic, DiagnosticLevel level);

}  // namespace migrator::cli
