#pragma once
// The command line as data, read from CLI11's own model of it (the commands, their options,
// value names, choices and help), for what must never disagree with `migrator --help`: the
// shell completion scripts and the man page. A new command or option appears in all three
// without anyone editing a script.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace migrator::cli::model {

// What a value (an option's argument, a positional argument) completes to.
struct ValueCompletion {
  enum class Kind { nothing, words, directories, files };
  Kind kind = Kind::nothing;
  std::vector<std::string> words;  // Kind::words: the choices
};

struct Option {
  std::vector<std::string> names;  // "-q", "--quiet"
  std::string help;
  bool required = false;
  bool takes_value = false;
  std::string value_name;          // "URL", "FORMAT"
  ValueCompletion value;
};

struct Positional {
  std::string name;                // "plan"
  std::string help;
  std::string value_name;          // "PLAN"
  bool required = false;
  bool repeats = false;            // check's `plans...`: every later word too
  ValueCompletion value;
};

struct Command {
  std::string name;
  std::string help;
  std::string footer;               // what --help prints after the options
  std::vector<Option> options;      // the command's own, besides the global ones
  std::vector<Positional> positionals;
};

struct Model {
  std::string program;
  std::string help;                    // the program's one-line description
  std::string footer;
  std::vector<Option> global_options;  // valid before and after any command
  std::vector<Command> commands;
};

// Reads the model of `app`, a top-level app whose options are global (fallthrough). Hidden
// commands (CLI11's empty group) are left out, as --help leaves them out.
Model read_model(const CLI::App& app);

// The completion script for bash (complete -F) or zsh (#compdef).
std::string bash_completion(const Model& model);
std::string zsh_completion(const Model& model);

// The man page's generated sections in roff: NAME, SYNOPSIS, DESCRIPTION, OPTIONS and
// COMMANDS, with `version` in its header ("migrator 0.1.0").
std::string man_page(const Model& model, const std::string& version);

}  // namespace migrator::cli::model
