#pragma once
// One problem found in a plan: "path:line: key: message", then an optional hint.
#include <string>
#include <vector>

#include "core/source_loc.hpp"

namespace migrator::core {

struct Diagnostic {
  SourceLoc loc;
  std::string key;      // the YAML path, e.g. "steps[1].verify[0].expect"
  std::string message;  // lowercase start, names in double quotes, no final period
  std::string hint;     // what to do next; may be empty

  std::string str() const {
    std::string out = loc.str() + ": ";
    if (!key.empty()) {
      out += key + ": ";
    }
    out += message;
    if (!hint.empty()) {
      out += "\n  hint: " + hint;
    }
    return out;
  }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace migrator::core
