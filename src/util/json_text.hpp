#pragma once
// JSON for output. A path the user typed or a file name on disk may hold bytes that are not
// UTF-8; nlohmann's dump() throws on them, which turned a report into "internal error".
// Here they become U+FFFD and the document is still written.
#include <nlohmann/json.hpp>

#include <string>

namespace migrator::util {

inline std::string json_text(const nlohmann::json& document, int indent = 2) {
  return document.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace migrator::util
