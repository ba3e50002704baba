#include "db/errors.hpp"

#include <string>

namespace migrator::db {
namespace {

constexpr std::string_view k_connect_hint =
    "is the server running and the URL right? check --db / DATABASE_URL";

// libpq and SQLite end their messages with a newline; a message here is one block of text.
std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

core::ConnectError connect_error(std::string_view redacted_url, std::string_view reason,
                                 std::string_view hint) {
  return core::ConnectError(
      "cannot connect to \"" + std::string(redacted_url) + "\": " + trimmed(reason),
      std::string(hint.empty() ? k_connect_hint : hint));
}

core::ConnectError lost_connection_error(std::string_view redacted_url, std::string_view reason) {
  return core::ConnectError(
      "lost the connection to \"" + std::string(redacted_url) + "\": " + trimmed(reason),
      std::string(k_connect_hint));
}

core::LockTimeout lock_timeout_error(std::string_view redacted_url, std::string_view holder,
                                     std::chrono::milliseconds waited) {
  return core::LockTimeout("the migration lock of \"" + std::string(redacted_url) +
                               "\" is held by " + std::string(holder) + "; gave up after " +
                               duration_text(waited),
                           "wait for that run to finish, or give --lock-timeout a longer wait",
                           std::string(holder));
}

std::string duration_text(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms < 1000) {
    return std::to_string(ms) + " ms";
  }
  std::string text = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
    while (fraction.back() == '0') {
      fraction.pop_back();
    }
    text += "." + fraction;
  }
  return text + " s";
}

}  // namespace migrator::db
