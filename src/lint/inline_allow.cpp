#include "lint/inline_allow.hpp"

namespace migrator::lint {
namespace {

constexpr std::string_view k_marker = "migrator:allow";

std::string_view trimmed(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) {
    return {};
  }
  return text.substr(start, text.find_last_not_of(" \t\r") - start + 1);
}

}  // namespace

std::vector<InlineAllow> inline_allows(std::string_view text, std::size_t base) {
  std::vector<InlineAllow> out;
  for (std::size_t line_start = 0; line_start < text.size();) {
    auto line_end = text.find('\n', line_start);
    line_end = line_end == std::string_view::npos ? text.size() : line_end;
    const auto line = text.substr(line_start, line_end - line_start);
    const auto dashes = line.find_first_not_of(" \t");
    if (dashes != std::string_view::npos && line.substr(dashes, 2) == "--") {
      const auto body = trimmed(line.substr(dashes + 2));
      if (body.starts_with(k_marker)) {
        const auto rest = trimmed(body.substr(k_marker.size()));
        const auto colon = rest.find(':');
        InlineAllow allow;
        allow.rule = std::string(trimmed(rest.substr(0, colon)));
        allow.reason = colon == std::string_view::npos ? "" : std::string(trimmed(rest.substr(colon + 1)));
        allow.offset = base + line_start + dashes;
        out.push_back(std::move(allow));
      }
    }
    line_start = line_end + 1;
  }
  return out;
}

}  // namespace migrator::lint
