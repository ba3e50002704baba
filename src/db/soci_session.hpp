#pragma once
// An owned soci::session without SOCI in the header: backends keep one per connection and
// reach the native handle through it; everything else stays out of SOCI's headers.
#include <memory>

namespace soci {
class session;
}

namespace migrator::db {

struct SessionDeleter {
  void operator()(soci::session* session) const;
};
using SessionPtr = std::unique_ptr<soci::session, SessionDeleter>;

}  // namespace migrator::db
