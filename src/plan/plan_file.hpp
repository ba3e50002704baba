#pragma once
// Reading a plan's files safely: only regular files of a bounded size (a plan.yaml linked to
// /dev/zero would be read forever, a FIFO would block), and only well-formed UTF-8 text.
// Every refusal is a diagnostic naming the file, never an exception or a hang.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace migrator::plan {

// The largest plan file read: far above any real migration, far below a runaway read.
inline constexpr std::uintmax_t k_max_plan_file_bytes = 16u << 20;

// What kind of entry `status` is, for a message: "a directory", "a FIFO", ...
std::string entry_kind(const std::filesystem::file_status& status);

// The text of `file` (links followed), or nullopt with a diagnostic when it is not a regular
// file, is larger than k_max_plan_file_bytes, or cannot be read.
std::optional<std::string> read_plan_file(const std::filesystem::path& file, core::Diagnostics& out);

// False, with a diagnostic at the line and column of the first bad byte, when `text` holds a
// NUL byte or is not well-formed UTF-8.
bool check_plan_text(std::string_view text, const std::filesystem::path& file, core::Diagnostics& out);

// read_plan_file, then check_plan_text: the text of a file a plan reads (a migration, a SQL
// file, plan.yaml, migrator.yaml), or nullopt with the problem in `out`.
std::optional<std::string> read_plan_text(const std::filesystem::path& file, core::Diagnostics& out);

// The problem with one value read from a plan (a name, a SQL text) after YAML's escapes are
// applied ("\0" makes a NUL): empty when there is none.
std::string value_problem(std::string_view value);

}  // namespace migrator::plan
