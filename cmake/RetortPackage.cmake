# What the Debian package ships beyond `cmake --install`'s libraries, headers and CMake package:
# man pages for mkrev and runner (help2man, from their own --help), the runner's bash completion,
# and `cpack -G DEB` settings giving retort_<version>_<arch>.deb with Debian 12's dependencies.
# Included only when Retort is the top-level project (the man page and completion of `runner`
# come from this repository's example runner, whose commands are every runner's commands).

find_program(HELP2MAN_PROGRAM help2man)
set(_retort_share_out ${PROJECT_BINARY_DIR}/share)
set(_retort_extras)
if(HELP2MAN_PROGRAM)
  # help2man reads `PROGRAM --help` and `PROGRAM --version`; Debian wants man pages gzipped.
  foreach(_program mkrev runner)
    if(_program STREQUAL "mkrev")
      set(_summary "scaffold a new Retort revision file whose parent is the current head")
    else()
      set(_summary "apply, revert and inspect the Retort revisions built into this runner")
    endif()
    set(_page ${_retort_share_out}/man/man1/${_program}.1.gz)
    add_custom_command(OUTPUT ${_page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_retort_share_out}/man/man1
      COMMAND sh -c "\"$0\" --no-info --name=\"$1\" --version-string=${PROJECT_VERSION} \"$2\" | gzip -9n > \"$3\""
              ${HELP2MAN_PROGRAM} ${_summary} $<TARGET_FILE:${_program}> ${_page}
      DEPENDS ${_program}
      COMMENT "Writing the man page of ${_program}"
      VERBATIM)
    list(APPEND _retort_extras ${_page})
  endforeach()
  install(FILES ${_retort_share_out}/man/man1/mkrev.1.gz ${_retort_share_out}/man/man1/runner.1.gz
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages (install help2man to build the Debian package)")
endif()

# The script holds every command's options, read from each command's --help: a static runner
# asks runner-online for the commands that connect, so the step waits for both (the two link side
# by side, with no ordering between them).
set(_completion ${_retort_share_out}/bash-completion/completions/runner)
set(_completion_needs runner)
if(TARGET runner-online)
  list(APPEND _completion_needs runner-online)
endif()
add_custom_command(OUTPUT ${_completion}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_retort_share_out}/bash-completion/completions
  COMMAND sh -c "\"$0\" completion bash > \"$1\"" $<TARGET_FILE:runner> ${_completion}
  DEPENDS ${_completion_needs}
  COMMENT "Writing the bash completion of runner"
  VERBATIM)
list(APPEND _retort_extras ${_completion})
add_custom_target(retort_share_files ALL DEPENDS ${_retort_extras})
install(FILES ${_completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# `cpack -G DEB` (or `cpack --preset release`) in the build folder.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME retort)
set(CPACK_PACKAGE_VENDOR "Retort")
set(CPACK_PACKAGE_CONTACT "Retort maintainers <retort@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# CPack puts the summary first and indents these lines itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Revisions are C++ files built into a project's runner by the CMake
function add_migrations(); mkrev scaffolds them. Ships mkrev, retort-registry, the headers,
static libraries and CMake package a project needs to build its runner, man pages and the
runner's bash completion.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # retort_<version>_<arch>.deb
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Debian 12 names. Runtime: what mkrev and retort-registry load, and what every runner links
# (libpqxx, libpq, Boost.Program_options, OpenSSL's libcrypto). Development: what
# find_package(Retort) finds (RetortConfig.cmake) and a runner's build needs.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libpqxx-6.4, libpq5, libboost-program-options1.74.0, libssl3, libstdc++6, \
libpqxx-dev, libpq-dev, libboost-program-options-dev (>= 1.74), libssl-dev, pkg-config, \
cmake (>= 3.25), g++ (>= 4:12) | clang (>= 1:14)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz, postgresql-client, clang-format")
set(CPACK_SOURCE_IGNORE_FILES "/build/" "/\\\\.git/")
include(CPack)
