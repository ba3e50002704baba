#pragma once
// An owned soci::session without SOCI in the header: backends keep one per connection and
// reach the native handle through it; everything else stays out of SOCI's headers.
#include <memory>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace migrator::db {

struct SessionDeleter {
  void operator()(soci::session* session) const;
};
using SessionPtr = std::unique_ptr<soci::session, SessionDeleter>;

// The database's reason in a failed SOCI connect's message, without SOCI's own sentence
// ("Cannot establish connection to the database.") in front of it.
std::string connect_failure_reason(std::string_view soci_message);

}  // namespace migrator::db
