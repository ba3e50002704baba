#pragma once
#include <string>
#include <string_view>

namespace migrator::util {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Line endings normalized to "\n" first, so a checkout with CRLF keeps the same checksum.
std::string sha256_hex_normalized(std::string_view text);

}  // namespace migrator::util
