# Real Kafka broker as a ctest fixture.
#
#   include(tests/broker/broker_fixture.cmake)
#   kafkascope_add_broker_fixture()        # kafka_broker_start / kafka_broker_stop
#   kafkascope_add_broker_smoke_test()     # kafka_broker_smoke
#   kafkascope_requires_broker(my_test)    # my_test runs between start and stop
#   kafkascope_requires_broker(reconnect_test RESTARTS_BROKER)  # + RUN_SERIAL
#
# Tests that require the broker get in their environment:
#   KAFKASCOPE_BROKER_DIR     broker dir; its "bootstrap" file holds host:port
#   KAFKASCOPE_BROKER_SCRIPT  kafka-broker.sh, e.g. for "restart $DIR" in
#                             reconnection tests (same address after restart)
#
# The first start resolves the broker jars with Maven (network, ~10 s to
# minutes); later starts use the cache and take seconds.

set(KAFKASCOPE_BROKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/kafka-broker.sh"
    CACHE INTERNAL "Script that runs the test broker")
set(KAFKASCOPE_BROKER_CHECK_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/check_broker.sh"
    CACHE INTERNAL "Broker smoke test")
set(KAFKASCOPE_BROKER_DIR "${CMAKE_BINARY_DIR}/test-broker"
    CACHE INTERNAL "Directory of the test broker")

function(kafkascope_add_broker_fixture)
  add_test(NAME kafka_broker_start
           COMMAND "${KAFKASCOPE_BROKER_SCRIPT}" start "${KAFKASCOPE_BROKER_DIR}")
  set_tests_properties(kafka_broker_start PROPERTIES
    FIXTURES_SETUP kafka_broker
    TIMEOUT 600            # the first run downloads the broker with Maven
    LABELS "broker")

  add_test(NAME kafka_broker_stop
           COMMAND "${KAFKASCOPE_BROKER_SCRIPT}" stop "${KAFKASCOPE_BROKER_DIR}" --wipe)
  set_tests_properties(kafka_broker_stop PROPERTIES
    FIXTURES_CLEANUP kafka_broker
    TIMEOUT 60             # 20 s for SIGTERM, then SIGKILL
    LABELS "broker")
endfunction()

# kafkascope_requires_broker(test_name [RESTARTS_BROKER])
# RESTARTS_BROKER: the test stops/restarts the broker, so it must not run
# while other broker tests do (ctest -j): it is made RUN_SERIAL.
function(kafkascope_requires_broker test_name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "RESTARTS_BROKER" "" "")
  set_property(TEST "${test_name}" APPEND PROPERTY FIXTURES_REQUIRED kafka_broker)
  if(arg_RESTARTS_BROKER)
    set_property(TEST "${test_name}" PROPERTY RUN_SERIAL TRUE)
  endif()
  set_property(TEST "${test_name}" APPEND PROPERTY ENVIRONMENT
    "KAFKASCOPE_BROKER_DIR=${KAFKASCOPE_BROKER_DIR}"
    "KAFKASCOPE_BROKER_SCRIPT=${KAFKASCOPE_BROKER_SCRIPT}")
  set_property(TEST "${test_name}" APPEND PROPERTY LABELS "broker")
endfunction()

function(kafkascope_add_broker_smoke_test)
  add_test(NAME kafka_broker_smoke
           COMMAND "${KAFKASCOPE_BROKER_CHECK_SCRIPT}")
  set_tests_properties(kafka_broker_smoke PROPERTIES TIMEOUT 120)
  kafkascope_requires_broker(kafka_broker_smoke)
endfunction()
