# What `cmake --install build --prefix P` installs, and the files generated for it from the
# built binary: the man page and the completion scripts come from `migrator man-page` and
# `migrator completion`, so they say what this build's --help says.
#
#   P/bin/migrator
#   P/share/migrator/{scenarios,migrations}         found by `migrator demo` and `bench`
#   P/share/doc/migrator/                           README.md and docs/
#   P/share/man/man1/migrator.1
#   P/share/bash-completion/completions/migrator   bash-completion loads it on first use
#   P/share/zsh/vendor-completions/_migrator        for P=/usr (Debian's zsh fpath), else
#   P/share/zsh/site-functions/_migrator            zsh's own default for local installs
include(GNUInstallDirs)

set(migrator_generated ${PROJECT_BINARY_DIR}/generated)
function(migrator_generate output)
  add_custom_command(
    OUTPUT ${migrator_generated}/${output}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:migrator>;${ARGN}"
            -DOUTPUT=${migrator_generated}/${output} ${migrator_generate_append}
            -P ${PROJECT_SOURCE_DIR}/cmake/RunToFile.cmake
    DEPENDS migrator ${PROJECT_SOURCE_DIR}/cmake/RunToFile.cmake ${migrator_generate_depends}
    COMMENT "Generating ${output} from the migrator's command line"
    VERBATIM)
endfunction()

set(migrator_generate_append -DAPPEND=${PROJECT_SOURCE_DIR}/docs/man/sections.roff)
set(migrator_generate_depends ${PROJECT_SOURCE_DIR}/docs/man/sections.roff)
migrator_generate(migrator.1 man-page)
set(migrator_generate_append)
set(migrator_generate_depends)
migrator_generate(migrator.bash completion bash)
migrator_generate(_migrator completion zsh)
add_custom_target(migrator_shell_files ALL
  DEPENDS ${migrator_generated}/migrator.1 ${migrator_generated}/migrator.bash
          ${migrator_generated}/_migrator)

install(TARGETS migrator RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios ${PROJECT_SOURCE_DIR}/migrations
        DESTINATION ${CMAKE_INSTALL_DATADIR}/migrator)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        FILES_MATCHING PATTERN "*.md" PATTERN man EXCLUDE)
install(FILES ${migrator_generated}/migrator.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${migrator_generated}/migrator.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME migrator)
# The zsh directory depends on the prefix given to `cmake --install --prefix` (or CPack's
# /usr), known only when installing.
install(CODE "set(migrator_zsh_completion \"${migrator_generated}/_migrator\")")
install(CODE [[
  if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(zsh_dir share/zsh/vendor-completions)
  else()
    set(zsh_dir share/zsh/site-functions)
  endif()
  file(INSTALL "${migrator_zsh_completion}" DESTINATION "${CMAKE_INSTALL_PREFIX}/${zsh_dir}")
]])
