#include "bench/psql_copy.hpp"

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <charconv>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "generate/calendar.hpp"

extern char** environ;

namespace migrator::bench {
namespace {

void append_decimal(std::string& out, const db::Decimal& d) {
  const bool negative = d.units < 0;
  auto digits = std::to_string(negative ? 0 - static_cast<std::uint64_t>(d.units)
                                        : static_cast<std::uint64_t>(d.units));
  if (d.scale > 0) {
    const auto scale = static_cast<std::size_t>(d.scale);
    if (digits.size() <= scale) {
      digits.insert(0, scale + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - scale, ".");
  } else {
    digits.append(static_cast<std::size_t>(-d.scale), '0');
  }
  out += negative ? "-" + digits : digits;
}

void append_csv_text(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos && !text.empty()) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  out += '"';
}

class CsvSink : public generate::RowSink {
 public:
  explicit CsvSink(std::FILE* file) : m_file(file) { m_line.reserve(256); }

  void row(std::span<const db::Value> values) override {
    m_line.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) {
        m_line += ',';
      }
      append(values[i]);
    }
    m_line += '\n';
    std::fwrite(m_line.data(), 1, m_line.size(), m_file);
    ++m_rows;
  }
  std::uint64_t rows() const { return m_rows; }

 private:
  void append(const db::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      char digits[24];
      m_line.append(digits, std::to_chars(digits, digits + sizeof digits, *i).ptr);
    } else if (const auto* d = std::get_if<db::Decimal>(&v)) {
      append_decimal(m_line, *d);
    } else if (const auto* date = std::get_if<db::Date>(&v)) {
      m_line += generate::format_date(*date);
    } else if (const auto* s = std::get_if<std::string_view>(&v)) {
      append_csv_text(m_line, *s);
    } else if (const auto* b = std::get_if<bool>(&v)) {
      m_line += *b ? "t" : "f";
    } else if (const auto* f = std::get_if<double>(&v)) {
      m_line += fmt::format("{}", *f);
    }  // NULL: an empty field
  }

  std::FILE* m_file;
  std::string m_line;
  std::uint64_t m_rows = 0;
};

// libpq keyword -> the environment variable libpq reads it from.
constexpr std::pair<std::string_view, std::string_view> k_pg_env[] = {
    {"host", "PGHOST"},         {"hostaddr", "PGHOSTADDR"},  {"port", "PGPORT"},
    {"dbname", "PGDATABASE"},   {"user", "PGUSER"},          {"password", "PGPASSWORD"},
    {"sslmode", "PGSSLMODE"},   {"gssencmode", "PGGSSENCMODE"},
    {"connect_timeout", "PGCONNECT_TIMEOUT"},
};

std::vector<std::string> pg_environment(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string message = error != nullptr ? error : "bad connection string";
    PQfreemem(error);
    throw std::runtime_error("psql: " + message);
  }
  std::vector<std::string> env;
  for (auto* o = options.get(); o->keyword != nullptr; ++o) {
    for (const auto& [keyword, variable] : k_pg_env) {
      if (o->val != nullptr && keyword == o->keyword) {
        env.push_back(std::string(variable) + "=" + o->val);
      }
    }
  }
  return env;
}

}  // namespace

std::uint64_t write_csv(generate::Generator& generator, generate::Table table,
                        const std::filesystem::path& file) {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> out(std::fopen(file.c_str(), "w"),
                                                         &std::fclose);
  if (!out) {
    throw std::runtime_error("cannot write " + file.string());
  }
  CsvSink sink(out.get());
  generator.write(table, sink);
  return sink.rows();
}

std::filesystem::path find_psql() {
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest = path;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const auto candidate = std::filesystem::path(rest.substr(0, colon)) / "psql";
      if (access(candidate.c_str(), X_OK) == 0) {
        return candidate;
      }
      rest = colon == std::string_view::npos ? "" : rest.substr(colon + 1);
    }
  }
  std::filesystem::path newest;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto candidate = entry.path() / "bin/psql";
    if (access(candidate.c_str(), X_OK) == 0 && candidate > newest) {
      newest = candidate;
    }
  }
  return newest;
}

double time_psql_copy(const std::filesystem::path& psql, const db::Url& url,
                      const generate::TableSpec& table, const std::filesystem::path& file) {
  std::string columns;
  for (const auto c : table.columns) {
    columns += (columns.empty() ? "" : ", ") + std::string(c);
  }
  const auto command = fmt::format("\\copy {} ({}) FROM '{}' WITH (FORMAT csv)", table.name,
                                   columns, file.string());
  std::vector<std::string> args{psql.string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command};
  auto env_strings = pg_environment(url.conninfo);
  std::vector<char*> argv;
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : env_strings) {
    envp.push_back(e.data());
  }
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).rfind("PG", 0) != 0) {
      envp.push_back(*e);
    }
  }
  envp.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), envp.data()) != 0) {
    throw std::runtime_error("cannot run " + psql.string());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("psql \\copy into " + std::string(table.name) + " failed");
  }
  return seconds;
}

}  // namespace migrator::bench
