#pragma once
#include <cstddef>
#include <span>
#include <string_view>

namespace migrator::util {

// Edit distance between two short strings: insertions, deletions, substitutions and swaps
// of two neighbouring characters each count one (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` within `max_distance` edits; empty when none is that close.
std::string_view nearest(std::string_view word, std::span<const std::string_view> candidates,
                         std::size_t max_distance = 2);

}  // namespace migrator::util
