# A real Schema Registry (Apicurio Registry, Confluent-compatible API) as a ctest fixture.
#
#   include(tests/registry/registry_fixture.cmake)
#   kafkascope_add_registry_fixture()        # schema_registry fixture (start/stop)
#   kafkascope_requires_registry(my_test)    # my_test gets KAFKASCOPE_REGISTRY_DIR; DIR/url
#                                            # holds the registry's base URL
#
# The first start builds the registry with Maven (minutes); later starts take ~30 s.

set(KAFKASCOPE_REGISTRY_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/schema-registry.sh"
    CACHE INTERNAL "Script that runs the test Schema Registry")
set(KAFKASCOPE_REGISTRY_DIR "${CMAKE_BINARY_DIR}/test-registry"
    CACHE INTERNAL "Directory of the test Schema Registry")

function(kafkascope_add_registry_fixture)
  add_test(NAME schema_registry_start COMMAND "${KAFKASCOPE_REGISTRY_SCRIPT}" start "${KAFKASCOPE_REGISTRY_DIR}")
  set_tests_properties(schema_registry_start PROPERTIES
    FIXTURES_SETUP schema_registry TIMEOUT 900 LABELS "registry")
  add_test(NAME schema_registry_stop COMMAND "${KAFKASCOPE_REGISTRY_SCRIPT}" stop "${KAFKASCOPE_REGISTRY_DIR}")
  set_tests_properties(schema_registry_stop PROPERTIES
    FIXTURES_CLEANUP schema_registry TIMEOUT 60 LABELS "registry")
endfunction()

function(kafkascope_requires_registry test_name)
  set_property(TEST "${test_name}" APPEND PROPERTY FIXTURES_REQUIRED schema_registry)
  set_property(TEST "${test_name}" APPEND PROPERTY ENVIRONMENT
    "KAFKASCOPE_REGISTRY_DIR=${KAFKASCOPE_REGISTRY_DIR}")
  set_property(TEST "${test_name}" APPEND PROPERTY LABELS "registry")
endfunction()
