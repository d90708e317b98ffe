# Writes the version header (sim/version.h.in -> OUTPUT) with the commit the source tree is
# at: `git rev-parse --short=12 HEAD`, with "-dirty" when tracked files differ from it, or
# "unknown" outside a git checkout. Run at configure time and, as the drsim_version target, at
# every build, so a report's stamp never names a stale commit. The header is rewritten only
# when its text changes (configure_file leaves an identical file alone), so an unchanged
# tree recompiles nothing.
#
#   cmake -DSOURCE_DIR=... -DINPUT=.../version.h.in -DOUTPUT=.../version.h -DPROJECT_VERSION=x.y.z -P version.cmake
foreach(var SOURCE_DIR INPUT OUTPUT PROJECT_VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "version.cmake needs -D${var}=...")
  endif()
endforeach()

set(DRSIM_GIT_COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
                  WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE commit_result ERROR_QUIET)
  if(commit_result EQUAL 0 AND commit)
    set(DRSIM_GIT_COMMIT ${commit})
    # Untracked files are not the tree's content (build directories, scratch files); edits
    # to tracked files and staged changes are.
    execute_process(COMMAND ${GIT_EXECUTABLE} status --porcelain --untracked-files=no
                    WORKING_DIRECTORY ${SOURCE_DIR}
                    OUTPUT_VARIABLE changes RESULT_VARIABLE status_result ERROR_QUIET)
    if(NOT status_result EQUAL 0 OR NOT changes STREQUAL "")
      string(APPEND DRSIM_GIT_COMMIT "-dirty")
    endif()
  endif()
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
