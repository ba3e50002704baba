#pragma once
// Option checks whose errors a person can read (header-only: the CLI is not in the library,
// and the tests check these directly). CLI11's PositiveNumber and NonNegativeNumber
// answer -1 with "not in range 0.000000 to 1797693134862315..." (DBL_MAX written out in full).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/migration_version.hpp"
#include "plan/duration.hpp"
#include "util/edit_distance.hpp"

namespace migrator::cli {
namespace detail {

// `text` read whole as T, or false.
template <class T>
bool parse_whole(const std::string& text, T& out) {
  try {
    std::size_t used = 0;
    if constexpr (std::is_same_v<T, double>) {
      out = std::stod(text, &used);
    } else {
      out = std::stol(text, &used);
    }
    return used == text.size();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace detail

// A number greater than zero; `meaning` follows the refusal: "1 = 100,000 receipts".
inline CLI::Validator positive_number(std::string meaning) {
  return CLI::Validator(
      [meaning](const std::string& text) -> std::string {
        double value = 0;
        if (detail::parse_whole(text, value) && value > 0) {
          return {};
        }
        return "\"" + text + "\" is not a positive number (" + meaning + ")";
      },
      "POSITIVE");
}

// A whole number from `minimum` to `maximum`; `meaning` follows the refusal.
inline CLI::Validator whole_number(long minimum, long maximum, std::string meaning) {
  return CLI::Validator(
      [minimum, maximum, meaning](const std::string& text) -> std::string {
        long value = 0;
        if (detail::parse_whole(text, value) && value >= minimum && value <= maximum) {
          return {};
        }
        return "\"" + text + "\" is not a whole number from " + std::to_string(minimum) + " to " +
               std::to_string(maximum) + " (" + meaning + ")";
      },
      std::to_string(minimum) + ".." + std::to_string(maximum));
}

// A version (`--to`) of at least `minimum`: a whole number, or a Flyway dotted version
// (1.1, 2.0.3), which this rewrites as its key (core/migration_version.hpp); the runner
// reads a whole number as "n" in a plan keyed dotted. Use with ->transform().
inline CLI::Validator version_from(long minimum, std::string meaning) {
  return CLI::Validator(
      [minimum, meaning](std::string& text) -> std::string {
        long value = 0;
        if (detail::parse_whole(text, value) && value >= minimum && text.find('.') == std::string::npos) {
          return {};
        }
        if (auto parts = core::version_parts(text); parts && text.find('.') != std::string::npos) {
          while (parts->size() > 1 && parts->back() == 0) {
            parts->pop_back();  // 1.0 is 1, as Flyway reads it
          }
          const auto key = parts->size() == 1 ? std::optional(static_cast<core::Version>(parts->front()))
                                              : core::dotted_version(*parts);
          if (key && *key >= minimum) {
            text = std::to_string(*key);
            return {};
          }
        }
        return "\"" + text + "\" is not a version from " + std::to_string(minimum) + " up (" + meaning +
               "): a whole number, or a dotted one like 1.1";
      },
      ">=" + std::to_string(minimum));
}

// A duration as plans write them (500ms, 30s, 2min), checked when the command line is read
// rather than when a lock is first waited for (status takes none, and said nothing).
inline CLI::Validator duration() {
  return CLI::Validator(
      [](const std::string& text) -> std::string {
        return plan::parse_duration(text) ? std::string()
                                          : "\"" + text + "\" is not a duration: " + plan::k_duration_hint;
      },
      "");  // the option's value name says DURATION already
}

// One of a fixed set of words (`--format`, a benchmark's name), with a "did you mean".
inline CLI::Validator one_of(std::vector<std::string> choices, std::string noun) {
  std::string listed;
  for (const auto& choice : choices) {
    listed += (listed.empty() ? "" : ", ") + choice;
  }
  return CLI::Validator(
      [choices, noun, listed](const std::string& text) -> std::string {
        std::vector<std::string_view> views(choices.begin(), choices.end());
        for (const auto view : views) {
          if (view == text) {
            return {};
          }
        }
        // One edit in three: "jsn" is json, "fish" is not bash.
        const auto nearest = util::nearest(text, views, std::max<std::size_t>(1, text.size() / 3));
        return "no " + noun + " \"" + text + "\"; " +
               (nearest.empty() ? "choose one of: " + listed
                                : "did you mean \"" + std::string(nearest) + "\"? (choose one of: " + listed + ")");
      },
      "");  // the value name lists the choices
}

// Makes `option` take one of `choices`. Its value name is the set, "{text,json,github}"
// (CLI11's own spelling of one): --help shows it, and `migrator completion` reads the
// choices from it, so a new choice completes without anyone editing a script.
inline CLI::Option* with_choices(CLI::Option* option, const std::vector<std::string>& choices,
                                 std::string noun) {
  std::string braced;
  for (const auto& choice : choices) {
    braced += (braced.empty() ? "" : ",") + choice;
  }
  return option->type_name("{" + braced + "}")->check(one_of(choices, std::move(noun)));
}

}  // namespace migrator::cli
