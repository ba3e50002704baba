#pragma once
// What the output streams are: a terminal gets colour and progress bars, a pipe gets plain
// text. NO_COLOR (https://no-color.org) and TERM=dumb switch colour off.
#include <string>
#include <string_view>

namespace migrator::util {

bool is_terminal(int fd);
bool colour_enabled(int fd);

// Wraps text in an ANSI style when `on`; plain text otherwise.
enum class Style { bold, dim, red, green, yellow, cyan };
std::string styled(std::string_view text, Style style, bool on);

// Whether the locale's character set is UTF-8 (LC_ALL, else LC_CTYPE, else LANG, as setlocale
// reads them): block characters for bars then, ASCII otherwise.
bool utf8_locale();

// Columns of the terminal on `fd`, or `fallback` when it is not one.
int terminal_width(int fd, int fallback = 100);

}  // namespace migrator::util
