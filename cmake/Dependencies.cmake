# Third-party libraries, all from Debian 12 packages (see README "Building").
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)

# SOCI and libpg_query ship no CMake config and no pkg-config file: import them by hand.
function(migrator_import_library target header library)
  find_path(${target}_INCLUDE_DIR ${header} REQUIRED)
  find_library(${target}_LIBRARY ${library} REQUIRED)
  add_library(${target} UNKNOWN IMPORTED)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${${target}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${target}_INCLUDE_DIR}")
endfunction()

migrator_import_library(soci_core soci/soci.h soci_core)
migrator_import_library(soci_sqlite3 soci/sqlite3/soci-sqlite3.h soci_sqlite3)
migrator_import_library(soci_postgresql soci/postgresql/soci-postgresql.h soci_postgresql)
migrator_import_library(pg_query pg_query.h pg_query)
set_property(TARGET soci_sqlite3 PROPERTY INTERFACE_LINK_LIBRARIES soci_core SQLite::SQLite3)
set_property(TARGET soci_postgresql PROPERTY INTERFACE_LINK_LIBRARIES soci_core PostgreSQL::PostgreSQL)
set_property(TARGET soci_core PROPERTY INTERFACE_LINK_LIBRARIES ${CMAKE_DL_LIBS})
