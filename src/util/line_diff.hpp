#pragma once
// A line diff of two short texts (SQL fields) for a person: "- " lines only in the first,
// "+ " lines only in the second, "  " unchanged lines kept as context, "..." where
// unchanged lines were left out.
#include <string>
#include <string_view>
#include <vector>

namespace migrator::util {

// `context` unchanged lines are kept before and after each change.
std::vector<std::string> line_diff(std::string_view before, std::string_view after, std::size_t context);

}  // namespace migrator::util
