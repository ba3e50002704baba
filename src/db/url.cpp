#include "db/url.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace migrator::db {
namespace {

constexpr std::string_view k_forms =
    "use sqlite:PATH, sqlite::memory: or postgresql://user:password@host:5432/dbname";

using Params = std::vector<std::pair<std::string, std::string>>;

[[noreturn]] void bad_url(std::string_view url, const std::string& problem, std::string hint) {
  throw core::UsageError("database URL \"" + redact_url(url) + "\" " + problem, std::move(hint));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// `what` names the part for the message; a password's bad escape is not echoed.
std::string percent_decode(std::string_view text, std::string_view url, std::string_view what) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      const std::string shown =
          what == "password" ? "" : " \"" + std::string(text.substr(i, 3)) + "\"";
      bad_url(url, "has an invalid percent-encoding" + shown + " in the " + std::string(what),
              "write a reserved character as % and two hex digits, e.g. @ as %40 and / as %2F");
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// libpq keyword form: every value single-quoted, with \ and ' escaped.
std::string conninfo_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

void set_param(Params& params, std::string key, std::string value) {
  for (auto& [k, v] : params) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  params.emplace_back(std::move(key), std::move(value));
}

const std::string* find_param(const Params& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

const std::set<std::string>& libpq_keywords() {
  static const std::set<std::string> keywords = [] {
    std::set<std::string> out;
    PQconninfoOption* options = PQconndefaults();
    for (PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) {
      out.insert(o->keyword);
    }
    PQconninfoFree(options);
    return out;
  }();
  return keywords;
}

// Loopback and Unix-socket connections get gssencmode=disable: libpq's default GSS probe
// crashed inside libkrb5 when two threads connected at once (DEPENDENCIES.md), and GSS
// encryption buys nothing on the local machine.
bool is_local_host(std::string_view host) {
  return host.empty() || host.front() == '/' || host == "localhost" || host == "::1" ||
         host.starts_with("127.");
}

Url parse_sqlite(std::string_view url, std::string_view rest) {
  Url out;
  out.dialect = core::Dialect::sqlite;
  out.redacted = std::string(url);
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    if (!rest.starts_with("/")) {
      const auto host = rest.substr(0, rest.find('/'));
      bad_url(url, "has a host (\"" + std::string(host) + "\")",
              "use sqlite:" + std::string(rest) +
                  " for a relative path or sqlite:///abs/path.db for an absolute one");
    }
    if (rest.find('?') != std::string_view::npos) {
      bad_url(url, "has parameters, which sqlite URLs do not take",
              "remove the part from \"?\" on; write a ? in a file name as %3F");
    }
    out.sqlite_path = percent_decode(rest, url, "path");
  } else {
    out.sqlite_path = std::string(rest);  // sqlite:PATH is a plain path, taken literally
  }
  if (out.sqlite_path.empty()) {
    bad_url(url, "names no file", "use sqlite:PATH (e.g. sqlite:migrator.db) or sqlite::memory:");
  }
  return out;
}

Params parse_query(std::string_view url, std::string_view query) {
  Params params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) {
      continue;
    }
    const auto eq = item.find('=');
    const std::string key = percent_decode(item.substr(0, eq), url, "parameter name");
    if (eq == std::string_view::npos) {
      bad_url(url, "has a parameter without a value (\"" + key + "\")",
              "write parameters as key=value, e.g. ?sslmode=require");
    }
    if (!libpq_keywords().contains(key)) {
      bad_url(url, "has an unknown parameter \"" + key + "\"",
              "use libpq connection parameters, e.g. ?sslmode=require&connect_timeout=10");
    }
    const auto what = key == "password" ? "password" : "parameter \"" + key + "\"";
    set_param(params, key, percent_decode(item.substr(eq + 1), url, what));
  }
  return params;
}

Url parse_postgres(std::string_view url, std::string_view rest) {
  if (!rest.starts_with("//")) {
    bad_url(url, "lacks \"//\" after the scheme", "write postgresql://user:password@host:5432/dbname");
  }
  rest.remove_prefix(2);
  std::string_view query;
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  // The last '@' ends the user info, so an unencoded '@' or '/' in a password still works.
  std::string_view userinfo;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  const auto slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);

  std::string_view host = hostport;
  std::string_view port;
  if (hostport.starts_with("[")) {
    const auto close = hostport.find(']');
    if (close == std::string_view::npos) {
      bad_url(url, "has an unterminated \"[\" in its host",
              "write an IPv6 address in brackets, e.g. postgresql://user@[::1]:5432/dbname");
    }
    host = hostport.substr(1, close - 1);
    const auto after = hostport.substr(close + 1);
    if (!after.empty() && !after.starts_with(":")) {
      bad_url(url, "has text after its IPv6 address", "write postgresql://user@[::1]:5432/dbname");
    }
    port = after.empty() ? after : after.substr(1);
  } else if (const auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  if (!port.empty()) {
    int number = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (ec != std::errc{} || end != port.data() + port.size() || number < 1 || number > 65535) {
      bad_url(url, "has an invalid port \"" + std::string(port) + "\"",
              "use a number from 1 to 65535, e.g. postgresql://localhost:5432/dbname");
    }
  }

  Params params;
  if (!host.empty()) {
    set_param(params, "host", percent_decode(host, url, "host"));
  }
  if (!port.empty()) {
    set_param(params, "port", std::string(port));
  }
  if (!path.empty()) {
    set_param(params, "dbname", percent_decode(path, url, "database name"));
  }
  if (!userinfo.empty()) {
    const auto colon = userinfo.find(':');
    const auto user = userinfo.substr(0, colon);
    if (!user.empty()) {
      set_param(params, "user", percent_decode(user, url, "user name"));
    }
    if (colon != std::string_view::npos) {
      set_param(params, "password", percent_decode(userinfo.substr(colon + 1), url, "password"));
    }
  }
  for (auto& [key, value] : parse_query(url, query)) {
    set_param(params, key, std::move(value));
  }
  const std::string* final_host = find_param(params, "host");
  if (find_param(params, "gssencmode") == nullptr &&
      is_local_host(final_host != nullptr ? *final_host : "")) {
    set_param(params, "gssencmode", "disable");
  }

  Url out;
  out.dialect = core::Dialect::postgres;
  out.redacted = redact_url(url);
  for (const auto& [key, value] : params) {
    if (!out.conninfo.empty()) {
      out.conninfo += ' ';
    }
    out.conninfo += key + "=" + conninfo_quote(value);
  }
  return out;
}

bool is_scheme(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text.front()))) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
}

// Replaces the value of every `password=` (URL query or keyword form) with ***.
void redact_password_params(std::string& text) {
  static constexpr std::string_view k_key = "password=";
  std::size_t from = 0;
  while (true) {
    const auto hit = lower(text).find(k_key, from);
    if (hit == std::string::npos) {
      return;
    }
    const bool at_boundary = hit == 0 || text[hit - 1] == '?' || text[hit - 1] == '&' ||
                             std::isspace(static_cast<unsigned char>(text[hit - 1]));
    const auto start = hit + k_key.size();
    if (!at_boundary) {
      from = start;
      continue;
    }
    std::size_t end = start;
    if (end < text.size() && text[end] == '\'') {
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        end += text[end] == '\\' ? 1 : 0;
      }
      end = std::min(end + 1, text.size());
    } else {
      while (end < text.size() && text[end] != '&' &&
             !std::isspace(static_cast<unsigned char>(text[end]))) {
        ++end;
      }
    }
    if (end > start) {
      text.replace(start, end - start, "***");
    }
    from = start + 3;
  }
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string out(url);
  if (lower(url).starts_with("sqlite:")) {
    return out;  // a path, which has no password (and may contain '@' or ':')
  }
  // Without "://" (a mistyped URL such as user:secret@host) everything from the first ':'
  // to the last '@' may be a password.
  const auto scheme_end = out.find("://");
  const auto start = scheme_end != std::string::npos ? scheme_end + 3 : 0;
  const auto query = out.find('?', start);
  const auto authority_end = query == std::string::npos ? out.size() : query;
  const auto at = authority_end > start ? out.rfind('@', authority_end - 1) : std::string::npos;
  if (at != std::string::npos && at >= start) {
    const auto colon = out.find(':', start);
    if (colon != std::string::npos && colon + 1 < at) {
      out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  redact_password_params(out);
  return out;
}

Url parse_url(std::string_view url) {
  if (url.empty()) {
    throw core::UsageError("empty database URL", std::string(k_forms));
  }
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || !is_scheme(url.substr(0, colon))) {
    // A bare file name most likely meant SQLite; anything else gets the list of forms.
    const bool looks_like_path = url.find_first_of("= ") == std::string_view::npos;
    bad_url(url, "has no scheme",
            looks_like_path ? "did you mean \"sqlite:" + std::string(url) + "\"? " + std::string(k_forms)
                            : std::string(k_forms));
  }
  const std::string scheme = lower(url.substr(0, colon));
  const auto rest = url.substr(colon + 1);
  if (scheme == "sqlite") {
    return parse_sqlite(url, rest);
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    return parse_postgres(url, rest);
  }
  bad_url(url, "has an unsupported scheme \"" + scheme + "\"", std::string(k_forms));
}

}  // namespace migrator::db
