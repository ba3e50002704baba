#include "db/soci_session.hpp"

#include "db/soci.hpp"

namespace migrator::db {

void SessionDeleter::operator()(soci::session* session) const { delete session; }

}  // namespace migrator::db
