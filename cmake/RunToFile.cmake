# Run at build time as a script (cmake -P): writes what `COMMAND` (a ;-list) prints to
# OUTPUT, followed by the file APPEND when given. Fails the build when the command fails, so
# a broken binary never leaves an empty man page or completion script behind.
# Inputs: COMMAND, OUTPUT, APPEND (optional).
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE text RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${COMMAND} failed (${failed}) while writing ${OUTPUT}")
endif()
if(APPEND)
  file(READ "${APPEND}" appended)
  string(APPEND text "${appended}")
endif()
file(WRITE "${OUTPUT}.tmp" "${text}")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
