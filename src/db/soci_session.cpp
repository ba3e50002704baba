#include "db/soci_session.hpp"

#include "db/soci.hpp"

namespace migrator::db {

void SessionDeleter::operator()(soci::session* session) const { delete session; }

std::string connect_failure_reason(std::string_view soci_message) {
  constexpr std::string_view k_prefix = "Cannot establish connection to the database.";
  if (soci_message.starts_with(k_prefix)) {
    soci_message.remove_prefix(k_prefix.size());
  }
  while (!soci_message.empty() && (soci_message.front() == ' ' || soci_message.front() == '\n')) {
    soci_message.remove_prefix(1);
  }
  return std::string(soci_message);
}

}  // namespace migrator::db
