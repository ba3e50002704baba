// The man page's generated part, in roff (man(7)): what `migrator --help` and each
// command's --help say, laid out as a man page. The build appends the sections --help has no
// place for (exit status, environment, files, examples) from docs/man/migrator.sections.
#include <sstream>

#include "cli/model/model.hpp"
#include "cli/model/script_text.hpp"

namespace migrator::cli::model {
namespace {

// Text as roff shows it: backslashes and hyphens written out (a bare "-" may print as a
// hyphen that cannot be copied into a shell), and no line read as a request.
std::string roff(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\') {
      escaped += "\\e";
    } else if (c == '-') {
      escaped += "\\-";
    } else {
      escaped += c;
    }
  }
  if (!escaped.empty() && (escaped.front() == '.' || escaped.front() == '\'')) {
    escaped.insert(0, "\\&");
  }
  return escaped;
}

std::string bold(const std::string& text) { return "\\fB" + roff(text) + "\\fR"; }
std::string italic(const std::string& text) { return "\\fI" + roff(text) + "\\fR"; }

// Help text of several lines: lines indented in --help (commands to type) stay as they are,
// the rest is filled; an empty line starts a paragraph.
std::string paragraphs(const std::string& text) {
  std::string out;
  bool literal = false;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const bool indented = !line.empty() && line.front() == ' ';
    if (indented != literal) {
      out += indented ? ".nf\n" : ".fi\n";
      literal = indented;
    }
    out += line.empty() ? ".PP\n" : roff(indented ? line.substr(line.find_first_not_of(' ')) : line) + "\n";
  }
  return out + (literal ? ".fi\n" : "");
}

// "\fB\-\-db\fR \fIURL\fR" or "\fB\-q\fR, \fB\-\-quiet\fR".
std::string option_term(const Option& option) {
  std::vector<std::string> names;
  for (const auto& name : option.names) {
    names.push_back(bold(name));
  }
  return join(names, ", ") + (option.takes_value ? " " + italic(option.value_name) : "");
}

std::string usage_of(const Option& option) {
  const auto used = bold(option.names.back()) + (option.takes_value ? " " + italic(option.value_name) : "");
  return option.required ? used : "[" + used + "]";
}

std::string usage_of(const Positional& positional) {
  const auto used = italic(positional.value_name) + (positional.repeats ? "..." : "");
  return positional.required ? used : "[" + used + "]";
}

std::string described(const std::string& term, const std::string& help) {
  return ".TP\n" + term + "\n" + roff(help) + "\n";
}

std::string command_section(const std::string& program, const Command& command) {
  std::string usage = bold(program + " " + command.name);
  for (const auto& positional : command.positionals) {
    usage += " " + usage_of(positional);
  }
  for (const auto& option : command.options) {
    usage += " " + usage_of(option);
  }
  std::string out = ".SS " + bold(command.name) + "\n" + roff(command.help) + ".\n.PP\n" + usage + "\n";
  for (const auto& positional : command.positionals) {
    out += described(italic(positional.value_name), positional.help);
  }
  for (const auto& option : command.options) {
    out += described(option_term(option), option.help);
  }
  if (!command.footer.empty()) {
    out += ".PP\n" + paragraphs(command.footer);
  }
  return out;
}

}  // namespace

std::string man_page(const Model& model, const std::string& version) {
  const auto& p = model.program;
  // "migrator: versioned, ..." in --help; the NAME line says it once.
  auto summary = model.help;
  if (summary.rfind(p + ": ", 0) == 0) {
    summary = summary.substr(p.size() + 2);
  }
  std::string upper;
  for (const char c : p) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string out = ".\\\" Generated from `" + p + " --help` by `" + p + " man-page`; do not edit.\n";
  out += ".TH " + upper + " 1 \"\" \"" + roff(version) + "\" \"User Commands\"\n";
  out += ".SH NAME\n" + roff(p) + " \\- " + roff(summary) + "\n";
  out += ".SH SYNOPSIS\n" + bold(p) + " [" + italic("OPTIONS") + "] " + italic("COMMAND") + " [" +
         italic("ARGUMENTS") + "]\n";
  // --help's closing words are the description; a footer's line breaks are --help's layout,
  // so paragraphs are filled again.
  out += ".SH DESCRIPTION\n" + paragraphs(model.footer);
  out += ".SH OPTIONS\nEvery command takes these, before or after the command's name.\n";
  for (const auto& option : model.global_options) {
    out += described(option_term(option), option.help);
  }
  out += ".SH COMMANDS\n";
  for (const auto& command : model.commands) {
    out += command_section(p, command);
  }
  return out;
}

}  // namespace migrator::cli::model
