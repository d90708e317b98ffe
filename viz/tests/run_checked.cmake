# Runs a command and checks its exit code AND its output, for ctest: PASS_REGULAR_EXPRESSION
# alone ignores the exit code, so a crash after the right output would pass.
#
#   cmake -DEXPECT_EXIT=0 "-DEXPECT_OUTPUT=regex" ["-DREJECT_OUTPUT=regex"] -P run_checked.cmake -- COMMAND ARGS...
#
# EXPECT_OUTPUT must match stdout and stderr together; REJECT_OUTPUT must not. The output is
# echoed so that a failing test shows what the command said.
if(NOT DEFINED EXPECT_EXIT)
  message(FATAL_ERROR "run_checked.cmake: set -DEXPECT_EXIT=CODE")
endif()
set(command "")
set(after_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(after_separator)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(after_separator TRUE)
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "run_checked.cmake: no command after --")
endif()
execute_process(COMMAND ${command} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT "${code}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_EXIT}")
endif()
if(DEFINED EXPECT_OUTPUT AND NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "the output does not match: ${EXPECT_OUTPUT}")
endif()
if(DEFINED REJECT_OUTPUT AND "${out}${err}" MATCHES "${REJECT_OUTPUT}")
  message(FATAL_ERROR "the output matches what it must not: ${REJECT_OUTPUT}")
endif()
