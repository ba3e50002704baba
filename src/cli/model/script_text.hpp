#pragma once
// Text helpers shared by the bash and zsh completion scripts.
#include <string>
#include <vector>

namespace migrator::cli::model {

inline std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string joined;
  for (const auto& part : parts) {
    joined += (joined.empty() ? "" : separator) + part;
  }
  return joined;
}

// `text` in single quotes, for bash and zsh alike.
inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

}  // namespace migrator::cli::model
