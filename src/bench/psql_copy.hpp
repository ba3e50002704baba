#pragma once
// The practical limit of a client load, for comparison: `psql \copy` of a CSV file.
#include <filesystem>
#include <string>
#include <vector>

#include "db/url.hpp"
#include "generate/generator.hpp"

namespace migrator::bench {

// Writes every row of `table` as CSV (no header), as the generator produces it.
std::uint64_t write_csv(generate::Generator& generator, generate::Table table,
                        const std::filesystem::path& file);

// The psql binary: on PATH, else the newest /usr/lib/postgresql/*/bin/psql; empty if none.
std::filesystem::path find_psql();

// Runs `psql -c "\copy table (columns) FROM 'file' WITH (FORMAT csv)"` against `url` and
// returns the wall time in seconds. The connection goes through PG* environment variables,
// so the password never appears on a command line. Throws std::runtime_error on failure.
double time_psql_copy(const std::filesystem::path& psql, const db::Url& url,
                      const generate::TableSpec& table, const std::filesystem::path& file);

}  // namespace migrator::bench
