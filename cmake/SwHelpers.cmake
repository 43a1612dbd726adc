# sw_library(NAME <module> DEPS <modules...> LIBS <third-party targets...>)
#   One static library per src/<module>: every .cc under the folder that is not a
#   test, fuzz or bench file. Its unit tests (*_test.cc beside the code) become
#   one test binary <module>_test, registered test by test with CTest.
#   A module links only what it declares, so an undeclared dependency fails to link;
#   tools/check_layering.py checks the includes against the same table.
function(sw_library)
  cmake_parse_arguments(ARG "" "NAME" "DEPS;LIBS;TEST_LIBS" ${ARGN})
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(sources ${all_sources})
  list(FILTER sources EXCLUDE REGEX "_(test|fuzz|bench)\\.cc$")
  set(tests ${all_sources})
  list(FILTER tests INCLUDE REGEX "_test\\.cc$")

  set(target sw_${ARG_NAME})
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  list(TRANSFORM ARG_DEPS PREPEND sw_ OUTPUT_VARIABLE dep_targets)
  target_link_libraries(${target} PUBLIC ${dep_targets} ${ARG_LIBS} sw_options)

  if(SW_BUILD_TESTS AND tests)
    add_executable(${target}_test ${tests})
    target_link_libraries(${target}_test PRIVATE ${target} ${ARG_TEST_LIBS} sw_test_main)
    gtest_discover_tests(${target}_test
      TEST_PREFIX "${ARG_NAME}."
      PROPERTIES LABELS "unit"
      ENVIRONMENT "SW_SHARED_DATA=${PROJECT_SOURCE_DIR}/../shared/data"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# sw_test(NAME <name> SOURCES ... DEPS <modules...> LABELS ...): a test binary in tests/.
function(sw_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  list(TRANSFORM ARG_DEPS PREPEND sw_ OUTPUT_VARIABLE dep_targets)
  target_link_libraries(${ARG_NAME} PRIVATE ${dep_targets} ${ARG_LIBS} sw_test_main)
  gtest_discover_tests(${ARG_NAME}
    TEST_PREFIX "${ARG_NAME}."
    PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "${ARG_ENV}"
    DISCOVERY_TIMEOUT 60)
endfunction()
