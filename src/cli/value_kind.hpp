#pragma once
// Names of option values: --help shows them (`--db URL`, `apply [PLAN]`) and
// `migrator completion` reads them to choose what a value completes to. An option that
// takes one of a fixed set of words is named by the set instead (cli::with_choices).
namespace migrator::cli::value_kind {

inline constexpr const char* plan = "PLAN";          // a plan directory: completes to directories
inline constexpr const char* directory = "DIR";      // completes to directories
inline constexpr const char* file = "FILE";          // completes to files
inline constexpr const char* url = "URL";            // a database URL: nothing to complete
inline constexpr const char* database = "DB";         // a database's name on the server, or a SQLite file: files
inline constexpr const char* duration = "DURATION";  // 500ms, 30s, 2min
inline constexpr const char* version = "VERSION";    // a migration's version number
inline constexpr const char* number = "NUMBER";
inline constexpr const char* name = "NAME";

}  // namespace migrator::cli::value_kind
