#pragma once
// What each built-in step operation accepts, so the loader can reject a wrong argument with
// file, line and key before anything runs. The operations themselves run in runner/.
#include <span>
#include <string_view>

namespace migrator::plan {

enum class ArgType { identifier, integer, number, text };

struct ArgSpec {
  std::string_view name;
  ArgType type;
  bool required;
  std::string_view help;
};

struct OperationSpec {
  std::string_view kind;   // the step key, e.g. "generate"
  std::string_view help;   // one line, shown in errors
  std::span<const ArgSpec> args;
};

// Every built-in operation; nullptr for an unknown kind.
const OperationSpec* find_operation_spec(std::string_view kind);
std::span<const OperationSpec> operation_specs();

}  // namespace migrator::plan
