# Run at every build as a script (cmake -P), from src/CMakeLists.txt: writes OUTPUT from
# TEMPLATE with the commit the build is made from. configure_file rewrites OUTPUT only when
# its text changes, so a build at the same commit recompiles nothing.
#
# The commit, first found of:
#   COMMIT_OVERRIDE  -DMIGRATOR_GIT_COMMIT=... at configure time (a Docker build argument, a
#                    distribution's package build: trees without .git)
#   git              the checkout's HEAD, "-dirty" when tracked files differ from it
#   COMMIT_FILE      cmake/git-commit.txt, which `git archive` fills in (export-subst in
#                    .gitattributes): release tarballs and the fresh-machine check
#   "unknown"
# Inputs: SOURCE_DIR, TEMPLATE, OUTPUT, COMMIT_FILE, COMMIT_OVERRIDE.

set(MIGRATOR_GIT_COMMIT "${COMMIT_OVERRIDE}")

if(NOT MIGRATOR_GIT_COMMIT)
  find_program(GIT_EXECUTABLE git)
  if(GIT_EXECUTABLE)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                    OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE head_failed ERROR_QUIET)
    if(NOT head_failed AND head)
      # --untracked-files=no: a stray build directory or database is not a change to the code.
      execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" status --porcelain
                              --untracked-files=no
                      OUTPUT_VARIABLE changes ERROR_QUIET)
      set(MIGRATOR_GIT_COMMIT "${head}")
      if(changes)
        string(APPEND MIGRATOR_GIT_COMMIT "-dirty")
      endif()
    endif()
  endif()
endif()

if(NOT MIGRATOR_GIT_COMMIT AND EXISTS "${COMMIT_FILE}")
  file(STRINGS "${COMMIT_FILE}" archived LIMIT_COUNT 1)
  # Unexpanded ("$Format:%H$") outside `git archive`: no commit known.
  if(archived MATCHES "^[0-9a-f]+$")
    string(SUBSTRING "${archived}" 0 12 MIGRATOR_GIT_COMMIT)
  endif()
endif()

if(NOT MIGRATOR_GIT_COMMIT)
  set(MIGRATOR_GIT_COMMIT unknown)
endif()

configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
