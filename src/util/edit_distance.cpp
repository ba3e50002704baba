#include "util/edit_distance.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

namespace migrator::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours as one edit, the
  // commonest typing slip ("stauts" is one edit from "status", not two).
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * width);
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= a.size(); ++i) {
    at(i, 0) = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    at(0, j) = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(a.size(), b.size());
}

std::string_view nearest(std::string_view word, std::span<const std::string_view> candidates,
                         std::size_t max_distance) {
  // Among candidates as near, the likelier slip: the first letter is rarely the one mistyped
  // ("bsh" is bash, not zsh), and a swap keeps the length ("stauts" is status, not stats).
  const auto rank = [&](std::string_view candidate) {
    const bool same_first = !word.empty() && !candidate.empty() && word.front() == candidate.front();
    const auto length_gap = candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
    return std::tuple(edit_distance(word, candidate), same_first ? 0 : 1, length_gap);
  };
  std::string_view best;
  auto best_rank = std::tuple(max_distance + 1, 0, std::size_t{0});
  for (const auto candidate : candidates) {
    const auto candidate_rank = rank(candidate);
    if (std::get<0>(candidate_rank) <= max_distance && (best.empty() || candidate_rank < best_rank)) {
      best = candidate;
      best_rank = candidate_rank;
    }
  }
  return best;
}

}  // namespace migrator::util
