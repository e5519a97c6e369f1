# `cmake --install build [--prefix DIR]`: the DSL, runtime and runner libraries with their
# headers, mkrev and retort-registry, and a CMake package so another project can write
#
#   find_package(Retort CONFIG REQUIRED)
#   add_migrations(migrate ${CMAKE_CURRENT_SOURCE_DIR}/migrations)
#
# The package's targets are Retort::dsl, Retort::graph, Retort::config, Retort::core,
# Retort::runtime, Retort::cli_common, Retort::cli, Retort::online (the database module a runner
# loads when a command connects), Retort::mkrev and Retort::retort-registry.
include(CMakePackageConfigHelpers)

set(RETORT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Retort)

install(TARGETS retort_dsl retort_graph retort_config retort_core retort_runtime retort_generator retort_cli_common
  retort_cli retort_online retort-registry mkrev
  EXPORT RetortTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/retort
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/dsl/include/retort DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/retort-runtime
  FILES_MATCHING PATTERN "*.hpp")
install(EXPORT RetortTargets NAMESPACE Retort:: DESTINATION ${RETORT_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/RetortConfig.cmake.in
  ${PROJECT_BINARY_DIR}/RetortConfig.cmake INSTALL_DESTINATION ${RETORT_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/RetortConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/RetortConfig.cmake ${PROJECT_BINARY_DIR}/RetortConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/RetortMigrations.cmake DESTINATION ${RETORT_CMAKE_DIR})
