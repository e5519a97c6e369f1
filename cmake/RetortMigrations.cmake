# add_migrations(<runner-target> <migrations-dir>)
#
# Builds <runner-target>, a runner holding every revision file (*.cpp) of <migrations-dir>.
# A file added later is picked up at the next build (the glob is re-checked), the graph is checked
# before anything links (duplicate ID, missing parent, cycle fail the build naming the files), and
# the revisions compile against the DSL alone, so they cannot reach libpqxx or Boost.
function(add_migrations target dir)
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

  # The file list is an input too: deleting a revision leaves no newer file behind, but changes
  # the list (rewritten only when it changes), so the registry stops naming the deleted one.
  set(_list "${CMAKE_CURRENT_BINARY_DIR}/${target}_revisions.txt")
  string(REPLACE ";" "\n" _names "${_revisions}")
  file(CONFIGURE OUTPUT "${_list}" CONTENT "${_names}\n" @ONLY)

  set(_registry "${CMAKE_CURRENT_BINARY_DIR}/${target}_registry.cpp")
  add_custom_command(OUTPUT "${_registry}"
    COMMAND ${_tool} "${_dir}" "${_registry}"
    DEPENDS ${_revisions} "${_list}" ${_tool}
    COMMENT "Checking the revision graph of ${_dir}"
    VERBATIM)

  # Revisions and the registry: an object library, so no linker can drop a revision.
  add_library(${target}_revisions OBJECT "${_registry}" ${_revisions})
  target_link_libraries(${target}_revisions PRIVATE ${_dsl})
  # Every revision includes the same one header; precompiled once, it leaves each revision file
  # about a third of its compile time (bench/README.md, docs/performance.md).
  target_precompile_headers(${target}_revisions PRIVATE <retort/migration.hpp>)
  add_executable(${target} $<TARGET_OBJECTS:${target}_revisions>)
  target_link_libraries(${target} PRIVATE ${_cli})
endfunction()
