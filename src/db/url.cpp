#include "db/url.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "util/edit_distance.hpp"

namespace migrator::db {
namespace {

constexpr std::string_view k_forms =
    "use sqlite:PATH, sqlite::memory: or postgresql://user:password@host:5432/dbname";

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

// `what` names the part for the message.
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
      bad_url(url, "has an invalid percent-encoding \"" + std::string(text.substr(i, 3)) + "\" in the " + std::string(what),
              "write a reserved character as % and two hex digits, e.g. ? as %3F");
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

// The one setting a sqlite URL carries: how often a commit syncs (PRAGMA synchronous). `full`,
// SQLite's default and migrator's, syncs the journal before and after writing its header;
// `normal` once (what dbmate's SQLite does: one sync a commit fewer, and a very small chance
// of a corrupt file after a power cut on older filesystems); `extra` also syncs the directory
// when the journal goes. `off` is refused: a crash mid-commit could corrupt the database.
void parse_sqlite_parameters(std::string_view url, std::string_view query, Url& out) {
  const std::string usage = "a sqlite URL takes one parameter, synchronous=normal, full or extra "
                            "(e.g. sqlite:app.db?synchronous=normal); write a ? in a file name as %3F in "
                            "the sqlite:///abs/path form";
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const auto equals = part.find('=');
    const auto key = lower(part.substr(0, equals));
    if (key != "synchronous" || equals == std::string_view::npos) {
      bad_url(url, "has the parameter \"" + std::string(part.substr(0, equals)) + "\", which sqlite URLs do not take",
              usage);
    }
    const auto value = lower(part.substr(equals + 1));
    if (value == "off" || value == "0") {
      bad_url(url, "asks for synchronous=off",
              "without syncs a crash or power cut mid-commit can corrupt the database; use synchronous=normal "
              "(one sync a commit fewer than the default) or leave the parameter out");
    }
    if (value != "normal" && value != "full" && value != "extra") {
      bad_url(url, "has synchronous=\"" + std::string(part.substr(equals + 1)) + "\"", usage);
    }
    out.sqlite_synchronous = value;
  }
}

Url parse_sqlite(std::string_view url, std::string_view rest) {
  Url out;
  out.dialect = core::Dialect::sqlite;
  out.redacted = std::string(url);
  const auto question = rest.find('?');
  if (question != std::string_view::npos) {
    parse_sqlite_parameters(url, rest.substr(question + 1), out);
    rest = rest.substr(0, question);
  }
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    if (!rest.starts_with("/")) {
      const auto host = rest.substr(0, rest.find('/'));
      bad_url(url, "has a host (\"" + std::string(host) + "\")",
              "use sqlite:" + std::string(rest) +
                  " for a relative path or sqlite:///abs/path.db for an absolute one");
    }
    out.sqlite_path = percent_decode(rest, url, "path");
  } else {
    out.sqlite_path = std::string(rest);  // sqlite:PATH is a plain path up to any "?", taken literally
  }
  if (out.sqlite_path.empty()) {
    bad_url(url, "names no file", "use sqlite:PATH (e.g. sqlite:migrator.db) or sqlite::memory:");
  }
  return out;
}

// A run of bytes of a URL, [begin, end).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Where the user info of `text` ends: the '@' before the host, or npos. A password may hold
// unencoded '@', '/', '?' and ':', so the last '@' is taken when a ':' comes first, unless
// what precedes it looks like a query ("?key=value": ?application_name=a@b); then an '@'
// before the first '/' or '?' ends the user info. When in doubt the longer user info wins:
// more is redacted, nothing leaks.
std::size_t user_info_end(std::string_view text, std::size_t start) {
  const auto at = text.rfind('@');
  if (at == std::string_view::npos || at < start) {
    return std::string_view::npos;
  }
  const auto before = text.substr(start, at - start);
  const auto mark = before.find_first_of(":/?");
  const bool colon_first = mark == std::string_view::npos || before[mark] == ':';
  const auto question = before.find('?');
  const bool query_like = question != std::string_view::npos && before.find('=', question) != std::string_view::npos;
  if (colon_first && !query_like) {
    return at;
  }
  const auto earlier = before.substr(0, before.find_first_of("/?")).rfind('@');
  if (earlier != std::string_view::npos) {
    return start + earlier;
  }
  return colon_first ? at : std::string_view::npos;
}

// Whether `text` at `at` starts "keyword=" for a libpq keyword: where a password= value that
// holds an unencoded '&' really ends.
bool starts_parameter(std::string_view text, std::size_t at) {
  const auto eq = text.find('=', at);
  return eq != std::string_view::npos && libpq_keywords().contains(std::string(text.substr(at, eq - at)));
}

// The secrets of a URL or a keyword/value string: the password of the user info and the
// value of every password= and sslpassword= parameter (in a URL up to the next "&keyword=", so that an
// unencoded '&' stays inside; in keyword form up to a blank, or the closing quote).
std::vector<Span> secret_spans(std::string_view text) {
  std::vector<Span> spans;
  const auto scheme_end = text.find("://");
  const auto start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  if (const auto at = user_info_end(text, start); at != std::string_view::npos) {
    const auto colon = text.find(':', start);
    if (colon != std::string_view::npos && colon < at) {
      spans.push_back({colon + 1, at});
    }
  }
  const auto lowered = lower(text);
  // libpq's two secrets: the server password and the passphrase of the client's key.
  for (const std::string_view key : {"password=", "sslpassword="}) {
    for (auto hit = lowered.find(key); hit != std::string::npos; hit = lowered.find(key, hit + 1)) {
      const char before = hit == 0 ? ' ' : text[hit - 1];
      const bool in_query = before == '?' || before == '&';
      if (!in_query && std::isspace(static_cast<unsigned char>(before)) == 0) {
        continue;  // part of a longer word
      }
      const auto value = hit + key.size();
      auto end = value;
      if (end < text.size() && text[end] == '\'') {
        for (++end; end < text.size() && text[end] != '\''; ++end) {
          end += text[end] == '\\' ? 1 : 0;
        }
        end = std::min(end + 1, text.size());
      } else {
        while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end])) == 0 &&
               !(in_query && text[end] == '&' && starts_parameter(text, end + 1))) {
          ++end;
        }
      }
      if (end > value) {
        spans.push_back({value, end});
      }
    }
  }
  return spans;
}

// `text` with the bytes of each span replaced by "***".
std::string replace_spans(std::string_view text, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin > b.begin; });
  std::string out(text);
  for (const auto& span : spans) {
    out.replace(span.begin, span.end - span.begin, "***");
  }
  return out;
}

// A message of libpq's about `url`, which may quote any part of it: the URL itself becomes
// the redacted one, and every secret, as written or decoded, becomes ***.
std::string scrub(std::string message, std::string_view url, std::string_view rewritten) {
  const auto replace_all = [&](const std::string& what, const std::string& with) {
    for (auto at = message.find(what); !what.empty() && at != std::string::npos;
         at = message.find(what, at + with.size())) {
      message.replace(at, what.size(), with);
    }
  };
  replace_all(std::string(rewritten), redact_url(url));
  replace_all(std::string(url), redact_url(url));
  for (const auto* source : {&url, &rewritten}) {
    for (const auto& span : secret_spans(*source)) {
      const std::string secret(source->substr(span.begin, span.end - span.begin));
      replace_all(secret, "***");
      std::string decoded;
      for (std::size_t i = 0; i < secret.size(); ++i) {
        const bool escape = secret[i] == '%' && i + 2 < secret.size() && hex_digit(secret[i + 1]) >= 0 &&
                            hex_digit(secret[i + 2]) >= 0;
        decoded += escape ? static_cast<char>(hex_digit(secret[i + 1]) * 16 + hex_digit(secret[i + 2])) : secret[i];
        i += escape ? 2 : 0;
      }
      replace_all(decoded, "***");
    }
  }
  while (message.ends_with('\n')) {
    message.pop_back();
  }
  return message;
}

// The URL as libpq must see it to read what the user meant: '@' and '/' of the user info,
// and '&' inside a password= value, percent-encoded (libpq stops the user info at the first
// '@' or '/', and a parameter at '&').
std::string for_libpq(std::string_view url) {
  std::vector<std::pair<Span, std::string_view>> encode;  // span, characters to encode there
  const auto start = url.find("://") + 3;
  if (const auto at = user_info_end(url, start); at != std::string_view::npos) {
    encode.push_back({{start, at}, "@/"});
  }
  for (const auto& span : secret_spans(url)) {
    if (span.begin > 0 && url[span.begin - 1] == '=') {
      encode.push_back({span, "&"});
    }
  }
  std::string out;
  for (std::size_t i = 0; i < url.size(); ++i) {
    bool escaped = false;
    for (const auto& [span, characters] : encode) {
      if (i >= span.begin && i < span.end && characters.find(url[i]) != std::string_view::npos) {
        static constexpr char k_hex[] = "0123456789ABCDEF";
        out += '%';
        out += k_hex[static_cast<unsigned char>(url[i]) >> 4];
        out += k_hex[static_cast<unsigned char>(url[i]) & 15];
        escaped = true;
        break;
      }
    }
    if (!escaped) {
      out += url[i];
    }
  }
  return out;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t from = 0;
  for (auto comma = text.find(','); ; comma = text.find(',', from)) {
    items.emplace_back(text.substr(from, comma - from));
    if (comma == std::string_view::npos) {
      return items;
    }
    from = comma + 1;
  }
}

// Our own words for the mistakes people make most in the query, with a did-you-mean; libpq
// would say "invalid URI query parameter".
void check_query(std::string_view url, std::string_view rewritten) {
  const auto at = user_info_end(rewritten, rewritten.find("://") + 3);
  const auto question = rewritten.find('?', at == std::string_view::npos ? 0 : at);
  if (question == std::string_view::npos) {
    return;
  }
  auto query = rewritten.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) {
      continue;
    }
    const auto eq = item.find('=');
    const std::string key(item.substr(0, eq));
    if (eq == std::string_view::npos) {
      bad_url(url, "has a parameter without a value (\"" + scrub(key, url, rewritten) + "\")",
              "write parameters as key=value, e.g. ?sslmode=require; write a & in a value as %26");
    }
    if (!libpq_keywords().contains(key)) {
      std::vector<std::string_view> known(libpq_keywords().begin(), libpq_keywords().end());
      const auto nearest = util::nearest(key, known);
      bad_url(url, "has an unknown parameter \"" + key + "\"",
              (nearest.empty() ? std::string() : "did you mean \"" + std::string(nearest) + "\"? ") +
                  "use libpq connection parameters, e.g. ?sslmode=require&connect_timeout=10");
    }
  }
}

Url parse_postgres(std::string_view url, std::string_view rest) {
  if (!rest.starts_with("//")) {
    bad_url(url, "lacks \"//\" after the scheme", "write postgresql://user:password@host:5432/dbname");
  }
  const auto rewritten = for_libpq(url);
  check_query(url, rewritten);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(rewritten.c_str(), &error);
  if (options == nullptr) {
    const std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    bad_url(url, "is not valid: " + scrub(message, url, rewritten),
            "write postgresql://user:password@host:5432/dbname, a reserved character in a part as % "
            "and two hex digits (? as %3F)");
  }
  std::vector<std::pair<std::string, std::string>> values;  // in libpq's order of keywords
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr) {
      values.emplace_back(o->keyword, o->val);
    }
  }
  PQconninfoFree(options);
  const auto value_of = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : values) {
      if (k == key) {
        return &v;
      }
    }
    return nullptr;
  };
  // libpq reads the port only when connecting ("invalid integer value"): said here, each of
  // a multi-host list.
  if (const auto* ports = value_of("port")) {
    for (const auto& port : split_list(*ports)) {
      int number = 0;
      const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
      if (!port.empty() && (ec != std::errc{} || end != port.data() + port.size() || number < 1 || number > 65535)) {
        bad_url(url, "has an invalid port \"" + port + "\"",
                "use a number from 1 to 65535, e.g. postgresql://localhost:5432/dbname");
      }
    }
  }
  const auto* hosts = value_of("host");
  const auto hosts_list = split_list(hosts != nullptr ? *hosts : "");
  if (value_of("gssencmode") == nullptr && std::all_of(hosts_list.begin(), hosts_list.end(), is_local_host)) {
    values.emplace_back("gssencmode", "disable");
  }

  Url out;
  out.dialect = core::Dialect::postgres;
  out.redacted = redact_url(url);
  for (const auto& [key, value] : values) {
    out.conninfo += (out.conninfo.empty() ? "" : " ") + key + "=" + conninfo_quote(value);
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

}  // namespace

std::string redact_url(std::string_view url) {
  if (lower(url).starts_with("sqlite:")) {
    return std::string(url);  // a path, which has no password (and may contain '@' or ':')
  }
  return replace_spans(url, secret_spans(url));
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

std::string url_text(const Url& url) {
  if (url.dialect == core::Dialect::sqlite) {
    auto text = "sqlite:" + url.sqlite_path;
    if (url.sqlite_path.find('?') != std::string::npos) {
      // A "?" of the file's own name: only the sqlite:/// form can carry it, as %3F.
      auto absolute = std::filesystem::absolute(url.sqlite_path).string();
      text = "sqlite://";
      for (const char c : absolute) {
        text += c == '?' ? std::string("%3F") : c == '%' ? std::string("%25") : std::string(1, c);
      }
    }
    if (!url.sqlite_synchronous.empty()) {
      text += "?synchronous=" + url.sqlite_synchronous;
    }
    return text;
  }
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.conninfo.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    throw core::UsageError("cannot write the connection of " + url.redacted + " as a URL", "");
  }
  // Percent-encodes all but what RFC 3986 leaves plain in every part.
  const auto encoded = [](std::string_view text) {
    std::string out;
    for (const unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
        out += static_cast<char>(c);
      } else {
        out += fmt::format("%{:02X}", c);
      }
    }
    return out;
  };
  std::string user, password, host, port, dbname, params;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) {
      continue;
    }
    const std::string_view key = o->keyword;
    if (key == "user") {
      user = encoded(o->val);
    } else if (key == "password") {
      password = encoded(o->val);
    } else if (key == "host") {
      host = encoded(o->val);
    } else if (key == "port") {
      port = o->val;
    } else if (key == "dbname") {
      dbname = encoded(o->val);
    } else {
      params += (params.empty() ? "?" : "&") + std::string(key) + "=" + encoded(o->val);
    }
  }
  PQconninfoFree(options);
  const auto credentials = user.empty() ? std::string() : user + (password.empty() ? "" : ":" + password) + "@";
  return "postgresql://" + credentials + host + (port.empty() ? "" : ":" + port) + "/" + dbname + params;
}

}  // namespace migrator::db
