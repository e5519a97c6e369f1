# add_migrations(<runner-target> <migrations-dir> [EXCLUDE_FROM_ALL])
#
# Builds <runner-target>, a runner holding every revision file (*.cpp) of <migrations-dir>.
# A file added later is picked up at the next build (the glob is re-checked), the graph is checked
# before anything links (duplicate ID, missing parent, cycle fail the build naming the files), and
# the revisions compile against the DSL alone, so they cannot reach libpqxx or Boost. After linking,
# the runner records every revision (`check-revisions`, no database) so a mistake only a run could
# see (an index on no columns...) fails the build with the revision's file and line.
function(add_migrations target dir)
  cmake_parse_arguments(PARSE_ARGV 2 _am "EXCLUDE_FROM_ALL" "" "")
  set(_exclude)
  if(_am_EXCLUDE_FROM_ALL)
    set(_exclude EXCLUDE_FROM_ALL)
  endif()
  get_filename_component(_dir "${dir}" ABSOLUTE)
  file(GLOB _revisions CONFIGURE_DEPENDS "${_dir}/*.cpp")
  if(TARGET retort-registry)
    set(_tool retort-registry)
  else()
    set(_tool Retort::retort-registry)
  endif()
  if(TARGET retort::dsl)
    set(_dsl retort::dsl)
  else()
    set(_dsl Retort::dsl)
  endif()
  if(TARGET retort_cli)
    set(_cli retort_cli)
  else()
    set(_cli Retort::cli)
  endif()

  set(_registry "${CMAKE_CURRENT_BINARY_DIR}/${target}_registry.cpp")
  add_custom_command(OUTPUT "${_registry}"
    COMMAND ${_tool} "${_dir}" "${_registry}"
    DEPENDS ${_revisions} ${_tool}
    COMMENT "Checking the revision graph of ${_dir}"
    VERBATIM)

  # Revisions and the registry: an object library, so no linker can drop a revision.
  add_library(${target}_revisions OBJECT ${_exclude} "${_registry}" ${_revisions})
  target_link_libraries(${target}_revisions PRIVATE ${_dsl})
  # A revision's code runs once per migration and only records values: optimising it buys nothing
  # and costs every build (measured in docs/operations.md, "Compile cost").
  target_compile_options(${target}_revisions PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O0>)
  add_executable(${target} ${_exclude} $<TARGET_OBJECTS:${target}_revisions>)
  target_link_libraries(${target} PRIVATE ${_cli})
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND $<TARGET_FILE:${target}> check-revisions
    COMMENT "Checking the operations of every revision in ${_dir}"
    VERBATIM)
endfunction()
