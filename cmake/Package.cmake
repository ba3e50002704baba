# `cpack -G DEB` in the build directory: a Debian package of what cmake/Install.cmake
# installs, under /usr. Its Depends are computed by dpkg-shlibdeps from the libraries the
# binary links (runtime packages only: libsoci-*4.0, libpq5, libyaml-cpp0.7, ...), never the
# -dev packages the build needed. The binary is stripped: the build's debug information
# would make the package ~25 times larger.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME migrator)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "versioned, verified, reversible database migrations")
set(CPACK_PACKAGE_DESCRIPTION "A migration runner for SQLite and PostgreSQL: every step carries its \
SQL, the checks that prove it worked and the SQL that undoes it; preserve invariants prove \
that no data was lost. With migrator check, the CI check of migration plans, and a \
data-modeling demo.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The migrator developers <migrator@invalid>")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# check --since asks git which migrations changed; nothing else needs it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS git)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
include(CPack)
