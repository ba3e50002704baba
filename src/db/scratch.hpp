#pragma once
// A throwaway database beside the one a URL names, dropped on destruction: a temporary SQLite
// file, or on PostgreSQL a database created on the same server (CREATE DATABASE privilege
// needed). For check --rehearse and the benchmarks, which must not touch the user's data.
#include <filesystem>
#include <string>

#include "db/url.hpp"

namespace migrator::db {

class ScratchDatabase {
 public:
  // `base`: where to create it; sqlite: anything (a temp file is used), postgres: the server.
  // `copy_of`, when given, is the database to start from instead of an empty one: on
  // PostgreSQL the name of a database on that server (CREATE DATABASE ... TEMPLATE, which
  // PostgreSQL refuses while anyone is connected to it), on SQLite the path of a file.
  explicit ScratchDatabase(const Url& base, const std::string& purpose = "scratch", const std::string& copy_of = "");
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const Url& url() const { return m_url; }

 private:
  Url m_base;
  Url m_url;
  std::string m_pg_name;
  std::filesystem::path m_sqlite_dir;
};

}  // namespace migrator::db
