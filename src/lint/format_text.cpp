#include <fstream>
#include <map>
#include <vector>

#include "lint/format.hpp"
#include "util/terminal.hpp"

namespace migrator::lint {
namespace {

// The lines of the files findings point into, read once each.
class SourceLines {
 public:
  // Line `number` (1-based) of `file`; nullptr when the file or the line does not exist.
  const std::string* line(const std::filesystem::path& file, int number) {
    auto it = m_files.find(file);
    if (it == m_files.end()) {
      std::vector<std::string> lines;
      std::ifstream in(file);
      for (std::string text; std::getline(in, text);) {
        if (!text.empty() && text.back() == '\r') {
          text.pop_back();
        }
        lines.push_back(std::move(text));
      }
      it = m_files.emplace(file, std::move(lines)).first;
    }
    if (number < 1 || static_cast<std::size_t>(number) > it->second.size()) {
      return nullptr;
    }
    return &it->second[static_cast<std::size_t>(number - 1)];
  }

 private:
  std::map<std::filesystem::path, std::vector<std::string>> m_files;
};

// Blanks as wide as the first `column - 1` characters of `line` (tabs kept as tabs).
std::string caret_indent(const std::string& line, int column) {
  std::string out;
  int seen = 1;
  for (std::size_t i = 0; i < line.size() && seen < column; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) {
      continue;  // continuation byte of a UTF-8 character
    }
    out += line[i] == '\t' ? '\t' : ' ';
    ++seen;
  }
  return out;
}

std::string plural(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

std::string summary_line(const Findings& findings, std::size_t files_checked) {
  return plural(count(findings, Severity::error), "error") + ", " +
         plural(count(findings, Severity::warning), "warning") + " in " + plural(files_checked, "file");
}

std::string format_text(const Findings& findings, std::size_t files_checked, bool colour) {
  SourceLines sources;
  std::string out;
  for (const auto& f : findings) {
    const bool error = f.severity == Severity::error;
    const auto level_style = error ? util::Style::red : util::Style::yellow;
    auto where = f.loc.str();
    if (f.loc.line > 0 && f.loc.column > 0) {
      where += ":" + std::to_string(f.loc.column);
    }
    out += util::styled(where, util::Style::bold, colour) + ": " +
           util::styled(std::string(to_string(f.severity)) + "[" + f.rule + "]", level_style, colour) +
           ": " + f.message + "\n";
    if (const auto* line = sources.line(f.loc.file, f.loc.line)) {
      const auto number = std::to_string(f.loc.line);
      const std::string gutter(number.size(), ' ');
      out += util::styled(" " + number + " | ", util::Style::dim, colour) + *line + "\n";
      out += util::styled(" " + gutter + " | ", util::Style::dim, colour) +
             caret_indent(*line, f.loc.column) + util::styled("^", level_style, colour) + "\n";
    }
    if (!f.fix.empty()) {
      out += "  " + util::styled("fix:", util::Style::cyan, colour) + " " + f.fix + "\n";
    }
    out += "\n";
  }
  return out + summary_line(findings, files_checked) + "\n";
}

}  // namespace migrator::lint
