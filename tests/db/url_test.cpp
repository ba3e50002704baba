#include "db/url.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"

using migrator::core::Dialect;
using migrator::db::parse_url;
using migrator::db::redact_url;

namespace {

// The message and hint of the UsageError that parsing `url` throws.
std::pair<std::string, std::string> rejection(const std::string& url) {
  try {
    parse_url(url);
  } catch (const migrator::core::UsageError& e) {
    return {e.what(), e.hint()};
  }
  FAIL("accepted: " << url);
  return {};
}

}  // namespace

TEST_CASE("parse_url: sqlite forms", "[db]") {
  CHECK(parse_url("sqlite:migrator.db").sqlite_path == "migrator.db");
  CHECK(parse_url("sqlite:migrator.db").dialect == Dialect::sqlite);
  CHECK(parse_url("sqlite:data/a b.db").sqlite_path == "data/a b.db");
  CHECK(parse_url("sqlite:/abs/path.db").sqlite_path == "/abs/path.db");
  CHECK(parse_url("sqlite:///abs/path.db").sqlite_path == "/abs/path.db");
  CHECK(parse_url("sqlite:///abs/a%20b.db").sqlite_path == "/abs/a b.db");
  CHECK(parse_url("sqlite::memory:").sqlite_path == ":memory:");
  CHECK(parse_url("SQLite:x.db").sqlite_path == "x.db");
  CHECK(parse_url("sqlite:x.db").redacted == "sqlite:x.db");
}

TEST_CASE("parse_url: postgres URLs become libpq keyword form", "[db]") {
  const auto url = parse_url("postgresql://app:s3cret@db.example.com:6543/receipts");
  CHECK(url.dialect == Dialect::postgres);
  CHECK(url.conninfo ==
        "host='db.example.com' port='6543' dbname='receipts' user='app' password='s3cret'");
  CHECK(url.redacted == "postgresql://app:***@db.example.com:6543/receipts");

  CHECK(parse_url("postgres://db.example.com/app").conninfo == "host='db.example.com' dbname='app'");
  CHECK(parse_url("postgresql://h/app?sslmode=require&connect_timeout=5").conninfo ==
        "host='h' dbname='app' sslmode='require' connect_timeout='5'");
  CHECK(parse_url("postgresql://u@[2001:db8::1]:5433/app").conninfo ==
        "host='2001:db8::1' port='5433' dbname='app' user='u'");
  // A query parameter overrides the same part of the URL, as in libpq.
  CHECK(parse_url("postgresql:///app?host=/run/postgresql").conninfo ==
        "dbname='app' host='/run/postgresql' gssencmode='disable'");
}

TEST_CASE("parse_url: loopback hosts get gssencmode=disable unless the URL sets it", "[db]") {
  CHECK(parse_url("postgresql://u@localhost/app").conninfo ==
        "host='localhost' dbname='app' user='u' gssencmode='disable'");
  CHECK(parse_url("postgresql://u@127.0.0.1/app").conninfo ==
        "host='127.0.0.1' dbname='app' user='u' gssencmode='disable'");
  CHECK(parse_url("postgresql://u@[::1]/app").conninfo ==
        "host='::1' dbname='app' user='u' gssencmode='disable'");
  CHECK(parse_url("postgresql://u@localhost/app?gssencmode=prefer").conninfo ==
        "host='localhost' dbname='app' user='u' gssencmode='prefer'");
}

TEST_CASE("parse_url: percent-encoding and quoting", "[db]") {
  // Decoded, then quoted for libpq: ' and \ escaped inside single quotes.
  const auto url = parse_url("postgresql://us%20er:p%40ss%27w%5Cd@h:5432/my%2Fdb");
  CHECK(url.conninfo ==
        "host='h' port='5432' dbname='my/db' user='us er' password='p@ss\\'w\\\\d'");
  CHECK(url.redacted == "postgresql://us%20er:***@h:5432/my%2Fdb");
  // An unencoded '@' or '/' in a password still works: the last '@' ends the user info.
  const auto raw = parse_url("postgresql://u:a@b/c@h/db");
  CHECK(raw.conninfo == "host='h' dbname='db' user='u' password='a@b/c'");
  CHECK(raw.redacted == "postgresql://u:***@h/db");
}

TEST_CASE("redact_url: no password survives", "[db]") {
  CHECK(redact_url("postgresql://u:secret@h/db") == "postgresql://u:***@h/db");
  CHECK(redact_url("postgresql://:secret@h/db") == "postgresql://:***@h/db");
  CHECK(redact_url("postgresql://u@h/db") == "postgresql://u@h/db");
  CHECK(redact_url("postgresql://h/db?sslmode=require&password=secret") ==
        "postgresql://h/db?sslmode=require&password=***");
  CHECK(redact_url("host=h password='se cret' user=u") == "host=h password=*** user=u");
  CHECK(redact_url("user:secret@host/db") == "user:***@host/db");
  CHECK(redact_url("sqlite:dir@x:y.db") == "sqlite:dir@x:y.db");
  CHECK(parse_url("postgresql://h/db?password=secret").redacted ==
        "postgresql://h/db?password=***");
}

TEST_CASE("parse_url: bad URLs say what is wrong and show a right one", "[db]") {
  const std::string forms =
      "use sqlite:PATH, sqlite::memory: or postgresql://user:password@host:5432/dbname";
  using Rejection = std::pair<std::string, std::string>;
  CHECK(rejection("") == Rejection{"empty database URL", forms});
  CHECK(rejection("foo.db") ==
        Rejection{"database URL \"foo.db\" has no scheme", "did you mean \"sqlite:foo.db\"? " + forms});
  CHECK(rejection("host=h password=secret") ==
        Rejection{"database URL \"host=h password=***\" has no scheme", forms});
  CHECK(rejection("mysql://u:secret@h/db") ==
        Rejection{"database URL \"mysql://u:***@h/db\" has an unsupported scheme \"mysql\"", forms});
  CHECK(rejection("sqlite:") ==
        Rejection{"database URL \"sqlite:\" names no file",
                  "use sqlite:PATH (e.g. sqlite:migrator.db) or sqlite::memory:"});
  CHECK(rejection("sqlite://x.db") ==
        Rejection{"database URL \"sqlite://x.db\" has a host (\"x.db\")",
                  "use sqlite:x.db for a relative path or sqlite:///abs/path.db for an absolute one"});
  CHECK(rejection("sqlite:///a.db?mode=ro") ==
        Rejection{"database URL \"sqlite:///a.db?mode=ro\" has parameters, which sqlite URLs do not take",
                  "remove the part from \"?\" on; write a ? in a file name as %3F"});
  CHECK(rejection("postgresql:app") ==
        Rejection{"database URL \"postgresql:app\" lacks \"//\" after the scheme",
                  "write postgresql://user:password@host:5432/dbname"});
  CHECK(rejection("postgresql://u:secret@h:99999/app") ==
        Rejection{"database URL \"postgresql://u:***@h:99999/app\" has an invalid port \"99999\"",
                  "use a number from 1 to 65535, e.g. postgresql://localhost:5432/dbname"});
  CHECK(rejection("postgresql://u:secret@h:54x/app").first ==
        "database URL \"postgresql://u:***@h:54x/app\" has an invalid port \"54x\"");
  CHECK(rejection("postgresql://u:secret@[::1/app") ==
        Rejection{"database URL \"postgresql://u:***@[::1/app\" has an unterminated \"[\" in its host",
                  "write an IPv6 address in brackets, e.g. postgresql://user@[::1]:5432/dbname"});
  CHECK(rejection("postgresql://u:sec%zzret@h/app") ==
        Rejection{"database URL \"postgresql://u:***@h/app\" has an invalid percent-encoding in "
                  "the password",
                  "write a reserved character as % and two hex digits, e.g. @ as %40 and / as %2F"});
  CHECK(rejection("postgresql://u@h/my%g1db").first ==
        "database URL \"postgresql://u@h/my%g1db\" has an invalid percent-encoding \"%g1\" in the "
        "database name");
  CHECK(rejection("postgresql://u@h/app?sslmdoe=require") ==
        Rejection{"database URL \"postgresql://u@h/app?sslmdoe=require\" has an unknown parameter "
                  "\"sslmdoe\"",
                  "use libpq connection parameters, e.g. ?sslmode=require&connect_timeout=10"});
  CHECK(rejection("postgresql://u@h/app?sslmode") ==
        Rejection{"database URL \"postgresql://u@h/app?sslmode\" has a parameter without a value "
                  "(\"sslmode\")",
                  "write parameters as key=value, e.g. ?sslmode=require"});
}
