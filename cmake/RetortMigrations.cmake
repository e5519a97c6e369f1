# add_migrations(<runner-target> <migrations-dir> [EXCLUDE_FROM_ALL] [SEPARATE])
#
# Builds <runner-target>, a runner holding every revision file (*.cpp) of <migrations-dir>.
# Revision files are compiled a few at a time (one translation unit a batch, see
# _retort_revision_batches); SEPARATE compiles each file alone instead.
# A file added later is picked up at the next build (the glob is re-checked), the graph is checked
# before anything links (duplicate ID, missing parent, cycle fail the build naming the files), and
# the revisions compile against the DSL alone, so they cannot reach libpqxx or Boost. After linking,
# the runner records every revision (`check-revisions`, no database) so a mistake only a run could
# see (an index on no columns...) fails the build with the revision's file and line.
# Where a static runner can be linked (_retort_static_runner), <runner-target> is static and
# <runner-target>-online, built beside it from the same objects, runs the commands that connect.
function(add_migrations target dir)
  cmake_parse_arguments(PARSE_ARGV 2 _am "EXCLUDE_FROM_ALL;SEPARATE" "" "")
  set(_exclude)
  if(_am_EXCLUDE_FROM_ALL)
    set(_exclude EXCLUDE_FROM_ALL)
  endif()
  get_filename_component(_dir "${dir}" ABSOLUTE)
  # The folder itself is a configure dependency: adding, deleting or renaming a file changes its
  # time stamp, so the build re-globs, without the `-- GLOB mismatch!` a CONFIGURE_DEPENDS glob
  # prints on every such build.
  file(GLOB _revisions "${_dir}/*.cpp")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_dir}")
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
  # The database module (runtime/cli/online.hpp) the runner loads when a command connects.
  _retort_first_target(_online retort_online Retort::online)

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

  if(_am_SEPARATE)
    set(_units ${_revisions})
  else()
    _retort_revision_batches(${target} ${_tool} "${_revisions}" _units)
  endif()
  # Revisions and the registry: an object library, so no linker can drop a revision.
  add_library(${target}_revisions OBJECT ${_exclude} "${_registry}" ${_units})
  target_link_libraries(${target}_revisions PRIVATE ${_dsl})
  # A revision's code runs once per migration and only records values: optimising it buys nothing
  # and costs every build (measured in docs/operations.md, "Compile cost").
  target_compile_options(${target}_revisions PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O0>)
  _retort_revision_pch(${target} ${_dsl} "${_registry};${_units}")
  # A static runner (see _retort_static_runner) runs the commands that never connect; for the
  # others it runs <target>-online, the same revisions linked dynamically with the database module.
  _retort_static_runner(_static)
  if(_static)
    set(_connecting ${target}-online)
  else()
    set(_connecting ${target})
  endif()
  # Where the connecting runner finds the module: one file per configuration with multi-config
  # generators.
  _retort_generated_source(${target}_online_module _module_source)
  if(_online)
    set(_module_file "$<TARGET_FILE:${_online}>")
  else()
    set(_module_file "")
  endif()
  file(GENERATE OUTPUT "${_module_source}" CONTENT
    "// How this runner reaches Retort's database module: it loads it (runtime/cli/online.hpp).\nnamespace retort::cli {\nstruct online_interface;\nconst online_interface& load_online_module(const char* path);\nconst online_interface& online() { return load_online_module(\"${_module_file}\"); }\n}\n")
  add_executable(${_connecting} ${_exclude} $<TARGET_OBJECTS:${target}_revisions> "${_module_source}")
  target_link_libraries(${_connecting} PRIVATE ${_cli})
  # The module binds to the runner's copy of the shared code (one registry, one list of secrets).
  set_target_properties(${_connecting} PROPERTIES ENABLE_EXPORTS ON)
  # Linked at a fixed address (not PIE): the registry, the revisions' records and their code's
  # constant tables hold pointers, 19,938 relative relocations at 1,000 revisions that the loader
  # applied at every start, copying every page they touch (docs/performance.md, "Runner start-up").
  # A driver flag, so it works with every generator; the objects may be PIE or PIC either way.
  _retort_linux_build(_linux)
  if(_linux)
    target_link_options(${_connecting} PRIVATE -no-pie)
  endif()
  _retort_static_cxx_runtime(${_connecting} ${_cli})
  _retort_fast_linker(${_connecting})
  if(_online)
    add_dependencies(${_connecting} ${_online})
  endif()
  if(_static)
    _retort_generated_source(${target}_online_program _program_source)
    file(GENERATE OUTPUT "${_program_source}" CONTENT
      "// How this static runner reaches Retort's database module: it runs its connecting program\n// (runtime/cli/online.hpp).\nnamespace retort::cli {\nstruct online_interface;\n[[noreturn]] const online_interface& run_online_program(const char* name, const char* built);\nconst online_interface& online() { run_online_program(\"$<TARGET_FILE_NAME:${_connecting}>\", \"$<TARGET_FILE:${_connecting}>\"); }\n}\n")
    add_executable(${target} ${_exclude} $<TARGET_OBJECTS:${target}_revisions> "${_program_source}")
    # The property leaves Boost's shared library off the link line (Retort::cli_common); Boost's
    # archive comes from here.
    set_property(TARGET ${target} PROPERTY RETORT_STATIC_RUNNER ON)
    _retort_first_target(_common retort_cli_common Retort::cli_common)
    target_link_libraries(${target} PRIVATE ${_cli} ${_common} "${RETORT_PROGRAM_OPTIONS_ARCHIVE}")
    target_link_options(${target} PRIVATE -static)
    _retort_fast_linker(${target})
    # No add_dependencies on ${_connecting}: it would make the two links of every rebuild run one
    # after the other. Both are in the default build; `--target ${target}` alone builds the runner.
  endif()
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND $<TARGET_FILE:${target}> check-revisions
    COMMENT "Checking the operations of every revision in ${_dir}"
    VERBATIM)
endfunction()

# Every revision includes the same one header; precompiled once, it leaves each revision file a
# fraction of its compile time (docs/performance.md). The header is precompiled in its own target,
# <target>_pch, whose one source never changes: when target_precompile_headers() sits on the
# revisions' own target, the Makefile generator writes one PCH line per source into that target's
# flags.make, so adding a revision rewrote it, rebuilt the header and recompiled every revision.
# With GCC and Clang on a single-configuration generator the revisions include the precompiled
# header through target-wide options instead (nothing per source); elsewhere REUSE_FROM.
function(_retort_revision_pch target dsl sources)
  set(_stub "${CMAKE_CURRENT_BINARY_DIR}/${target}_pch.cpp")
  file(CONFIGURE OUTPUT "${_stub}" CONTENT "// The target that precompiles <retort/migration.hpp>.\n" @ONLY)
  add_library(${target}_pch OBJECT ${_exclude} "${_stub}")  # _exclude: add_migrations's option
  target_link_libraries(${target}_pch PRIVATE ${dsl})
  target_compile_options(${target}_pch PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O0>)
  target_precompile_headers(${target}_pch PRIVATE <retort/migration.hpp>)
  get_property(_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(_header "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${target}_pch.dir/cmake_pch.hxx")
  if(NOT _multi_config AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target}_revisions PRIVATE -Winvalid-pch "SHELL:-include ${_header}")
    set(_compiled "${_header}.gch")
  elseif(NOT _multi_config AND CMAKE_CXX_COMPILER_ID MATCHES "^(Apple)?Clang$")
    target_compile_options(${target}_revisions PRIVATE "SHELL:-Xclang -include-pch -Xclang ${_header}.pch"
      "SHELL:-Xclang -include -Xclang ${_header}")
    set(_compiled "${_header}.pch")
  else()
    target_precompile_headers(${target}_revisions REUSE_FROM ${target}_pch)
    return()
  endif()
  # Built first, and a revision is recompiled when the precompiled header changes.
  add_dependencies(${target}_revisions ${target}_pch)
  set_source_files_properties(${sources} PROPERTIES OBJECT_DEPENDS "${_compiled}")
endfunction()

# Compiling a revision file alone costs about 0.25 s of fixed work (the precompiled header, the
# standard library templates every revision instantiates) and 17 ms of its own; 1,000 files cost
# 300 s of CPU. So the files are compiled in batches of about 16, one generated translation unit
# each (retort-registry --batch: every file in a namespace of its own, its #includes hoisted to
# file scope, its macros undefined after it). A file's batch is chosen by a hash of its name, so
# adding, renaming or deleting a file changes one or two batches and leaves the others' objects
# alone. The batch count is a power of two, so it changes (and everything compiles again once)
# only when the number of files doubles.
function(_retort_revision_batches target tool revisions out_var)
  list(LENGTH revisions _count)
  set(_batches 1)
  math(EXPR _capacity "16")
  while(_capacity LESS _count)
    math(EXPR _batches "${_batches} * 2")
    math(EXPR _capacity "${_batches} * 16")
  endwhile()
  foreach(_file IN LISTS revisions)
    get_filename_component(_name "${_file}" NAME)
    string(MD5 _hash "${_name}")
    string(SUBSTRING "${_hash}" 0 6 _hash)
    math(EXPR _k "0x${_hash} % ${_batches}")
    list(APPEND _members_${_k} "${_file}")
  endforeach()
  set(_units)
  set(_dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_batches")
  math(EXPR _last "${_batches} - 1")
  foreach(_k RANGE 0 ${_last})
    if(NOT DEFINED _members_${_k})
      continue()
    endif()
    # The member list is an input: a member deleted leaves no newer file behind.
    string(REPLACE ";" "\n" _names "${_members_${_k}}")
    file(CONFIGURE OUTPUT "${_dir}/batch_${_k}.txt" CONTENT "${_names}\n" @ONLY)
    add_custom_command(OUTPUT "${_dir}/batch_${_k}.cpp"
      COMMAND ${tool} --batch "${_dir}/batch_${_k}.cpp" ${_members_${_k}}
      DEPENDS ${_members_${_k}} "${_dir}/batch_${_k}.txt" ${tool}
      VERBATIM)
    list(APPEND _units "${_dir}/batch_${_k}.cpp")
  endforeach()
  set(${out_var} ${_units} PARENT_SCOPE)
endfunction()

# The dynamically linked runner (<target>-online beside a static runner, or the runner itself)
# carries its own copy of the C++ runtime and of Boost.Program_options, so a command that does
# not connect loads no C++ shared library: on a VM, mapping and relocating
# libstdc++.so and libboost_program_options.so was about a quarter of `runner heads`
# (docs/performance.md, "Runner start-up"). The database module, loaded later, links them as
# shared libraries; their symbols bind to the runner's copies, which it exports (ENABLE_EXPORTS),
# so the process still has one C++ runtime in use. Skipped when the static archive is missing or
# RETORT_STATIC_CXX_RUNTIME is OFF.
option(RETORT_STATIC_CXX_RUNTIME "Link runners with the C++ runtime and Boost.Program_options static" ON)
function(_retort_static_cxx_runtime target cli)
  _retort_static_link_possible(_possible)
  if(NOT RETORT_STATIC_CXX_RUNTIME OR NOT _possible)
    return()
  endif()
  _retort_first_target(_common retort_cli_common Retort::cli_common)
  # After the libraries that use it on the link line; --as-needed then drops the shared copy
  # their usage requirements also name.
  target_link_libraries(${target} PRIVATE ${cli} ${_common} "${RETORT_PROGRAM_OPTIONS_ARCHIVE}")
  target_link_options(${target} PRIVATE -static-libstdc++ LINKER:--as-needed)
  # What was decided, for whoever needs to know (the start-up test).
  set_property(TARGET ${target} PROPERTY RETORT_STATIC_CXX_RUNTIME ON)
endfunction()

# One generated source of a runner's: one file per configuration with multi-config generators.
function(_retort_generated_source name out)
  get_property(_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(_multi_config)
    set(${out} "${CMAKE_CURRENT_BINARY_DIR}/${name}_$<CONFIG>.cpp" PARENT_SCOPE)
  else()
    set(${out} "${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp" PARENT_SCOPE)
  endif()
endfunction()

# A runner is a static executable when it can be: on this VM the dynamic loader mapping and
# relocating even libc alone was a millisecond of every start (docs/performance.md, "Runner
# start-up"), and `heads` or `history` need nothing else. A static C library cannot load the
# database module, so such a runner hands a command that connects to its connecting program
# (runtime/cli/online_program_loader.cpp). Not with sanitizers (they need the dynamic loader),
# not without Boost.Program_options' archive, not when a static C++ program does not link here,
# and not with RETORT_STATIC_RUNNER OFF: then the runner is one dynamically linked program.
option(RETORT_STATIC_RUNNER "Link runners static, with a dynamically linked program beside them for commands that connect" ON)
function(_retort_static_runner out)
  set(${out} FALSE PARENT_SCOPE)
  _retort_static_link_possible(_possible "-fsanitize")
  if(NOT RETORT_STATIC_RUNNER OR NOT _possible)
    return()
  endif()
  _retort_check_link(RETORT_CAN_LINK_STATIC -static)
  if(RETORT_CAN_LINK_STATIC)
    set(${out} TRUE PARENT_SCOPE)
  endif()
endfunction()

# Linking the 1,000 revisions of a big project, twice (the static runner and its connecting
# program), was most of a one-revision rebuild; GNU gold (part of binutils, so wherever GCC is)
# links them in half the time of the default BFD linker (docs/performance.md, "Adding a revision").
# Only the runners, and not when the project has chosen its linker already.
function(_retort_fast_linker target)
  _retort_linux_build(_linux "-fuse-ld=")
  if(NOT _linux OR DEFINED CMAKE_LINKER_TYPE)
    return()
  endif()
  _retort_check_link(RETORT_LINKS_WITH_GOLD -fuse-ld=gold)
  if(RETORT_LINKS_WITH_GOLD)
    target_link_options(${target} PRIVATE -fuse-ld=gold)
  endif()
endfunction()

# _retort_linux_build(out [regex]): TRUE when GCC or Clang builds for Linux (what the runners'
# link options above assume) and no compile or link flag of the build matches `regex` (a choice
# of the project's that they give way to).
function(_retort_linux_build out)
  set(${out} FALSE PARENT_SCOPE)
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux" OR NOT CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang)$")
    return()
  endif()
  string(TOUPPER "${CMAKE_BUILD_TYPE}" _config)
  set(_flags "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_config}} ${CMAKE_EXE_LINKER_FLAGS} ${CMAKE_EXE_LINKER_FLAGS_${_config}}")
  if(ARGC GREATER 1 AND _flags MATCHES "${ARGV1}")
    return()
  endif()
  set(${out} TRUE PARENT_SCOPE)
endfunction()

# _retort_static_link_possible(out [regex]): _retort_linux_build, and Boost.Program_options'
# static archive is installed (RETORT_PROGRAM_OPTIONS_ARCHIVE, which the static links name).
function(_retort_static_link_possible out)
  set(${out} FALSE PARENT_SCOPE)
  _retort_linux_build(_linux ${ARGN})
  if(NOT _linux)
    return()
  endif()
  find_library(RETORT_PROGRAM_OPTIONS_ARCHIVE NAMES libboost_program_options.a)
  if(RETORT_PROGRAM_OPTIONS_ARCHIVE)
    set(${out} TRUE PARENT_SCOPE)
  endif()
endfunction()

# Whether a small C++ program links here with `option`: cached in `var`, so checked once.
function(_retort_check_link var option)
  if(NOT DEFINED ${var})
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_LINK_OPTIONS ${option})
    set(CMAKE_REQUIRED_QUIET ON)
    check_cxx_source_compiles("#include <string>\nint main(int argc, char**) { return std::string(argc, 'x').size() == 3; }"
      ${var})
  endif()
endfunction()

# The first of the names that is a target (the build tree's own, or the installed package's), or
# nothing when neither exists.
function(_retort_first_target out)
  foreach(_name ${ARGN})
    if(TARGET ${_name})
      set(${out} ${_name} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()
