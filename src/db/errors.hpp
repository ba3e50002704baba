#pragma once
// The messages both backends give when a database cannot be reached or locked. Every one
// names the redacted URL and says what to do next.
#include <chrono>
#include <string_view>

#include "core/error.hpp"

namespace migrator::db {

// Opening failed: `cannot connect to "URL": <reason>`, with `hint` when the cause is known
// (else: is the server running and the URL right?).
core::ConnectError connect_error(std::string_view redacted_url, std::string_view reason,
                                 std::string_view hint = {});

// An open connection broke (server gone, backend terminated).
core::ConnectError lost_connection_error(std::string_view redacted_url, std::string_view reason);

// The migration lock stayed with `holder` for all of `waited`.
core::LockTimeout lock_timeout_error(std::string_view redacted_url, std::string_view holder,
                                     std::chrono::milliseconds waited);

// "250 ms", "3 s", "1.5 s": a duration as a person reads it.
std::string duration_text(std::chrono::milliseconds duration);

}  // namespace migrator::db
