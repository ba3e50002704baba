#include "lint/format.hpp"

namespace migrator::lint {
namespace {

// Workflow-command escaping: '%', CR and LF in the message; also ':' and ',' in properties.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string format_github(const Findings& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += "::" + std::string(to_string(f.severity)) + " file=" + escape(f.loc.file.generic_string(), true);
    if (f.loc.line > 0) {
      out += ",line=" + std::to_string(f.loc.line);
    }
    if (f.loc.column > 0) {
      out += ",col=" + std::to_string(f.loc.column);
    }
    out += ",title=" + escape(f.rule, true) + "::" + escape(f.message, false);
    if (!f.fix.empty()) {
      out += escape(". fix: " + f.fix, false);
    }
    out += "\n";
  }
  return out;
}

}  // namespace migrator::lint
