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
  CHECK(parse_url("sqlite:x.db").sqlite_synchronous.empty());
}

TEST_CASE("parse_url: a sqlite URL's synchronous setting, and url_text carrying it", "[db]") {
  const auto normal = parse_url("sqlite:x.db?synchronous=NORMAL");
  CHECK(normal.sqlite_path == "x.db");
  CHECK(normal.sqlite_synchronous == "normal");
  CHECK(url_text(normal) == "sqlite:x.db?synchronous=normal");
  CHECK(parse_url("sqlite:///abs/a%3Fb.db?synchronous=extra").sqlite_path == "/abs/a?b.db");
  CHECK(parse_url("sqlite::memory:?synchronous=full").sqlite_path == ":memory:");
  // A "?" in the file's own name goes back out as %3F, so the text parses to the same file.
  const auto odd = parse_url("sqlite:///abs/a%3Fb.db?synchronous=normal");
  CHECK(url_text(odd) == "sqlite:///abs/a%3Fb.db?synchronous=normal");
  CHECK(parse_url(url_text(odd)).sqlite_path == "/abs/a?b.db");
}

TEST_CASE("parse_url: postgres URLs become libpq keyword form", "[db]") {
  const auto url = parse_url("postgresql://app:s3cret@db.example.com:6543/receipts");
  CHECK(url.dialect == Dialect::postgres);
  // libpq's own parse (PQconninfoParse), in its order of keywords.
  CHECK(url.conninfo ==
        "user='app' password='s3cret' dbname='receipts' host='db.example.com' port='6543'");
  CHECK(url.redacted == "postgresql://app:***@db.example.com:6543/receipts");

  CHECK(parse_url("postgres://db.example.com/app").conninfo == "dbname='app' host='db.example.com'");
  CHECK(parse_url("postgresql://h/app?sslmode=require&connect_timeout=5").conninfo ==
        "connect_timeout='5' dbname='app' host='h' sslmode='require'");
  CHECK(parse_url("postgresql://u@[2001:db8::1]:5433/app").conninfo ==
        "user='u' dbname='app' host='2001:db8::1' port='5433'");
  // A query parameter overrides the same part of the URL, as in libpq.
  CHECK(parse_url("postgresql:///app?host=/run/postgresql").conninfo ==
        "dbname='app' host='/run/postgresql' gssencmode='disable'");
}

TEST_CASE("parse_url: loopback hosts get gssencmode=disable unless the URL sets it", "[db]") {
  CHECK(parse_url("postgresql://u@localhost/app").conninfo ==
        "user='u' dbname='app' host='localhost' gssencmode='disable'");
  CHECK(parse_url("postgresql://u@127.0.0.1/app").conninfo ==
        "user='u' dbname='app' host='127.0.0.1' gssencmode='disable'");
  CHECK(parse_url("postgresql://u@[::1]/app").conninfo ==
        "user='u' dbname='app' host='::1' gssencmode='disable'");
  CHECK(parse_url("postgresql://u@localhost/app?gssencmode=prefer").conninfo ==
        "user='u' dbname='app' host='localhost' gssencmode='prefer'");
  // Every host of a list must be local.
  CHECK(parse_url("postgresql://u@localhost,db.example.com/app").conninfo ==
        "user='u' dbname='app' host='localhost,db.example.com' port=','");
}

TEST_CASE("parse_url: percent-encoding and quoting", "[db]") {
  // Decoded, then quoted for libpq: ' and \ escaped inside single quotes.
  const auto url = parse_url("postgresql://us%20er:p%40ss%27w%5Cd@h:5432/my%2Fdb");
  CHECK(url.conninfo ==
        "user='us er' password='p@ss\\'w\\\\d' dbname='my/db' host='h' port='5432'");
  CHECK(url.redacted == "postgresql://us%20er:***@h:5432/my%2Fdb");
  // An unencoded '@' or '/' in a password still works: the last '@' ends the user info.
  const auto raw = parse_url("postgresql://u:a@b/c@h/db");
  CHECK(raw.conninfo == "user='u' password='a@b/c' dbname='db' host='h'");
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
  const std::string sqlite_parameters =
      "a sqlite URL takes one parameter, synchronous=normal, full or extra (e.g. "
      "sqlite:app.db?synchronous=normal); write a ? in a file name as %3F in the sqlite:///abs/path form";
  CHECK(rejection("sqlite:///a.db?mode=ro") ==
        Rejection{"database URL \"sqlite:///a.db?mode=ro\" has the parameter \"mode\", which sqlite URLs do not take",
                  sqlite_parameters});
  CHECK(rejection("sqlite:a.db?synchronous") ==
        Rejection{"database URL \"sqlite:a.db?synchronous\" has the parameter \"synchronous\", which sqlite URLs "
                  "do not take",
                  sqlite_parameters});
  CHECK(rejection("sqlite:a.db?synchronous=fast") ==
        Rejection{"database URL \"sqlite:a.db?synchronous=fast\" has synchronous=\"fast\"", sqlite_parameters});
  CHECK(rejection("sqlite:a.db?synchronous=OFF") ==
        Rejection{"database URL \"sqlite:a.db?synchronous=OFF\" asks for synchronous=off",
                  "without syncs a crash or power cut mid-commit can corrupt the database; use "
                  "synchronous=normal (one sync a commit fewer than the default) or leave the parameter out"});
  CHECK(rejection("postgresql:app") ==
        Rejection{"database URL \"postgresql:app\" lacks \"//\" after the scheme",
                  "write postgresql://user:password@host:5432/dbname"});
  CHECK(rejection("postgresql://u:secret@h:99999/app") ==
        Rejection{"database URL \"postgresql://u:***@h:99999/app\" has an invalid port \"99999\"",
                  "use a number from 1 to 65535, e.g. postgresql://localhost:5432/dbname"});
  CHECK(rejection("postgresql://u:secret@h:54x/app").first ==
        "database URL \"postgresql://u:***@h:54x/app\" has an invalid port \"54x\"");
  const std::string libpq_hint =
      "write postgresql://user:password@host:5432/dbname, a reserved character in a part as % and two hex "
      "digits (? as %3F)";
  // libpq's own words, with the URL it quotes redacted.
  CHECK(rejection("postgresql://u:secret@[::1/app") ==
        Rejection{"database URL \"postgresql://u:***@[::1/app\" is not valid: end of string reached when looking "
                  "for matching \"]\" in IPv6 host address in URI: \"postgresql://u:***@[::1/app\"",
                  libpq_hint});
  CHECK(rejection("postgresql://u:sec%zzret@h/app") ==
        Rejection{"database URL \"postgresql://u:***@h/app\" is not valid: invalid percent-encoded token: \"***\"",
                  libpq_hint});
  CHECK(rejection("postgresql://u@h/my%g1db").first ==
        "database URL \"postgresql://u@h/my%g1db\" is not valid: invalid percent-encoded token: \"my%g1db\"");
  CHECK(rejection("postgresql://u@h/app?sslmdoe=require") ==
        Rejection{"database URL \"postgresql://u@h/app?sslmdoe=require\" has an unknown parameter "
                  "\"sslmdoe\"",
                  "did you mean \"sslmode\"? use libpq connection parameters, e.g. "
                  "?sslmode=require&connect_timeout=10"});
  CHECK(rejection("postgresql://u@h/app?sslmode") ==
        Rejection{"database URL \"postgresql://u@h/app?sslmode\" has a parameter without a value "
                  "(\"sslmode\")",
                  "write parameters as key=value, e.g. ?sslmode=require; write a & in a value as %26"});
}

TEST_CASE("parse_url: a password holding ? or & is read whole and never printed (issue 9: 3)", "[db]") {
  // The password "ab?secret" was once taken for a query, and the error printed it.
  const auto question = parse_url("postgresql://app:ab?secret@host/db");
  CHECK(question.conninfo == "user='app' password='ab?secret' dbname='db' host='host'");
  CHECK(question.redacted == "postgresql://app:***@host/db");
  // An unencoded & in a password= value: the value runs to the next "&keyword=".
  const auto amp = parse_url("postgresql://u@h/db?password=a&b&sslmode=require");
  CHECK(amp.conninfo == "user='u' password='a&b' dbname='db' host='h' sslmode='require'");
  CHECK(amp.redacted == "postgresql://u@h/db?password=***&sslmode=require");
  // Whatever libpq refuses, its message never carries a piece of the password.
  for (const auto* bad : {"postgresql://u:se%zzcret@h/db", "postgresql://u@h/db?password=se%zzcret",
                          "postgresql://u:secret@[::1/db", "postgresql://u@h/db?password=secret&x=1",
                          "postgresql://u:secret@h/db?sslmode"}) {
    INFO(bad);
    const auto [message, hint] = rejection(bad);
    CHECK_THAT(message, !Catch::Contains("secret") && !Catch::Contains("cret") && !Catch::Contains("zz"));
  }
}

TEST_CASE("parse_url: several hosts, each with its port (libpq's multi-host URLs)", "[db]") {
  const auto url = parse_url("postgresql://app:pw@db1.example.com:5432,db2.example.com:5433/app");
  CHECK(url.conninfo ==
        "user='app' password='pw' dbname='app' host='db1.example.com,db2.example.com' port='5432,5433'");
  CHECK(url.redacted == "postgresql://app:***@db1.example.com:5432,db2.example.com:5433/app");
  CHECK(rejection("postgresql://h1:5432,h2:99999/app").first ==
        "database URL \"postgresql://h1:5432,h2:99999/app\" has an invalid port \"99999\"");
}

TEST_CASE("redact_url: an @ in the query is not the end of a password", "[db]") {
  CHECK(redact_url("postgresql://h/db?application_name=a@b") == "postgresql://h/db?application_name=a@b");
  CHECK(redact_url("postgresql://u:p@h/db?application_name=a@b") == "postgresql://u:***@h/db?application_name=a@b");
  CHECK(redact_url("postgresql://u:a@b/c@h/db") == "postgresql://u:***@h/db");
}

TEST_CASE("redact_url: the client key's passphrase is a secret too", "[db]") {
  CHECK(redact_url("postgresql://u@h/db?sslpassword=keypass&sslmode=verify-full") ==
        "postgresql://u@h/db?sslpassword=***&sslmode=verify-full");
  CHECK(redact_url("host=h sslpassword=keypass") == "host=h sslpassword=***");
}
