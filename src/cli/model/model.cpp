#include "cli/model/model.hpp"

#include <sstream>

#include "cli/value_kind.hpp"

namespace migrator::cli::model {
namespace {

// The parts of CLI11's full type name, "FORMAT:{text,json,github}": the value name, then
// each validator's description. A set of words is written "{a,b,c}" (CLI::IsMember and
// cli::one_of alike).
ValueCompletion value_completion(const std::string& type_name) {
  std::vector<std::string> parts;
  std::istringstream in(type_name);
  for (std::string part; std::getline(in, part, ':');) {
    parts.push_back(part);
  }
  ValueCompletion value;
  for (const auto& part : parts) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      value.kind = ValueCompletion::Kind::words;
      std::istringstream words(part.substr(1, part.size() - 2));
      for (std::string word; std::getline(words, word, ',');) {
        value.words.push_back(word);
      }
      return value;
    }
  }
  const auto name = parts.empty() ? std::string() : parts.front();
  if (name == value_kind::plan || name == value_kind::directory) {
    value.kind = ValueCompletion::Kind::directories;
  } else if (name == value_kind::file || name == value_kind::database) {
    value.kind = ValueCompletion::Kind::files;
  }
  return value;
}

std::string value_name(const std::string& type_name) { return type_name.substr(0, type_name.find(':')); }

Option read_option(const CLI::Option& option) {
  Option result;
  for (const auto& name : option.get_snames()) {
    result.names.push_back("-" + name);
  }
  for (const auto& name : option.get_lnames()) {
    result.names.push_back("--" + name);
  }
  result.help = option.get_description();
  result.required = option.get_required();
  result.takes_value = option.get_items_expected_max() > 0;  // flags expect none
  if (result.takes_value) {
    result.value_name = value_name(option.get_type_name());
    result.value = value_completion(option.get_type_name());
  }
  return result;
}

std::vector<Option> read_options(const CLI::App& app, bool include_help) {
  std::vector<Option> options;
  for (const auto* option : app.get_options([&](const CLI::Option* o) {
         return o->nonpositional() &&
                (include_help || (o != app.get_help_ptr() && o != app.get_help_all_ptr()));
       })) {
    options.push_back(read_option(*option));
  }
  return options;
}

}  // namespace

Model read_model(const CLI::App& app) {
  Model model;
  model.program = app.get_name();
  model.help = app.get_description();
  model.footer = app.get_footer();
  model.global_options = read_options(app, true);
  for (const auto* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    Command command;
    command.name = sub->get_name();
    command.help = sub->get_description();
    // A command without a footer of its own shows the program's.
    command.footer = sub->get_footer() == model.footer ? std::string() : sub->get_footer();
    // Each command's -h/--help and --help-all are the global ones again: the global list has them.
    command.options = read_options(*sub, false);
    for (const auto* option : sub->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
      Positional positional;
      positional.name = option->get_name(true, false);
      positional.help = option->get_description();
      positional.value_name = value_name(option->get_type_name());
      positional.required = option->get_required();
      positional.repeats = option->get_items_expected_max() > 1;
      positional.value = value_completion(option->get_type_name());
      command.positionals.push_back(std::move(positional));
    }
    model.commands.push_back(std::move(command));
  }
  return model;
}

}  // namespace migrator::cli::model
