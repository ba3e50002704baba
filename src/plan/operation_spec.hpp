#pragma once
// What each built-in step operation accepts, so the loader can reject a wrong argument with
// file, line and key before anything runs. The operations themselves run in runner/.
#include <cstdint>
#include <span>
#include <string_view>

namespace migrator::plan {

// date: YYYY-MM-DD, a real day of the years 1900 to 2200.
enum class ArgType { identifier, integer, number, text, date };

struct ArgSpec {
  std::string_view name;
  ArgType type;
  bool required;
  std::string_view help;
  // integer: the values allowed, both included (the operation reads them from here too).
  std::uint64_t min = 0;
  std::uint64_t max = UINT64_MAX;
};

struct OperationSpec {
  std::string_view kind;   // the step key, e.g. "generate"
  std::string_view help;   // one line, shown in errors
  std::span<const ArgSpec> args;
};

// Every built-in operation; nullptr for an unknown kind.
const OperationSpec* find_operation_spec(std::string_view kind);
std::span<const OperationSpec> operation_specs();
// The argument `name` of operation `kind`; nullptr when either is unknown.
const ArgSpec* find_arg_spec(std::string_view kind, std::string_view name);

}  // namespace migrator::plan
