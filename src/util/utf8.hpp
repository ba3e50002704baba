#pragma once
// Well-formed UTF-8, as RFC 3629 defines it. Plans must be: their text reaches the database,
// the history table's JSON and --format json output, none of which can carry stray bytes.
#include <cstddef>
#include <optional>
#include <string_view>

namespace migrator::util {

// The byte offset of the first sequence that is not well-formed UTF-8 (a stray continuation
// byte, a truncated sequence, an overlong form, a surrogate, a code point above U+10FFFF);
// nullopt when the whole text is well-formed.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

}  // namespace migrator::util
