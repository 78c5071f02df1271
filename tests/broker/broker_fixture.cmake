# Real Kafka brokers as ctest fixtures: the default one (Kafka 4.4) for every broker test, and a
# Kafka 3.9 one for the compatibility subset.
#
#   include(tests/broker/broker_fixture.cmake)
#   kafkascope_add_broker_fixture()        # kafka_broker (4.4) and kafka_broker_39 (3.9) fixtures
#   kafkascope_add_broker_smoke_test()     # kafka_broker_smoke, on both
#   kafkascope_requires_broker(my_test)    # my_test runs between start and stop
#   kafkascope_requires_broker(reconnect_test RESTARTS_BROKER)  # + RUN_SERIAL
#   kafkascope_add_compat_test(my_test)    # my_test_kafka39: the same executable on Kafka 3.9
#
# Tests that require a broker get in their environment:
#   KAFKASCOPE_BROKER_DIR     broker dir; its "bootstrap" file holds host:port
#   KAFKASCOPE_BROKER_SCRIPT  kafka-broker.sh, e.g. for "restart $DIR" in
#                             reconnection tests (same address after restart)
#   KAFKASCOPE_KAFKA_VERSION  the broker's version, as asked for
#
# The first start resolves the broker jars with Maven (network, ~10 s to
# minutes); later starts use the cache and take seconds.

set(KAFKASCOPE_KAFKA_VERSION "4.4.0" CACHE STRING "Kafka version of the default test broker")
set(KAFKASCOPE_KAFKA_COMPAT_VERSION "3.9.1" CACHE STRING "Kafka version of the compatibility broker")
set(KAFKASCOPE_BROKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/kafka-broker.sh"
    CACHE INTERNAL "Script that runs the test broker")
set(KAFKASCOPE_BROKER_CHECK_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/check_broker.sh"
    CACHE INTERNAL "Broker smoke test")
set(KAFKASCOPE_BROKER_DIR "${CMAKE_BINARY_DIR}/test-broker"
    CACHE INTERNAL "Directory of the test broker")
set(KAFKASCOPE_COMPAT_BROKER_DIR "${CMAKE_BINARY_DIR}/test-broker-kafka39"
    CACHE INTERNAL "Directory of the Kafka 3.9 test broker")

# One broker fixture: FIXTURE names it, DIR is its directory, VERSION its Kafka version.
function(_kafkascope_broker_fixture fixture dir version)
  set(run ${CMAKE_COMMAND} -E env "KAFKA_VERSION=${version}"
          "KAFKASCOPE_PYTHON=${KAFKASCOPE_TEST_PYTHON}" "${KAFKASCOPE_BROKER_SCRIPT}")
  add_test(NAME ${fixture}_start COMMAND ${run} start "${dir}")
  set_tests_properties(${fixture}_start PROPERTIES
    FIXTURES_SETUP ${fixture}
    TIMEOUT 600            # the first run downloads the broker with Maven
    LABELS "broker")
  add_test(NAME ${fixture}_stop COMMAND ${run} stop "${dir}" --wipe)
  set_tests_properties(${fixture}_stop PROPERTIES
    FIXTURES_CLEANUP ${fixture}
    TIMEOUT 60             # 20 s for SIGTERM, then SIGKILL
    LABELS "broker")
endfunction()

function(kafkascope_add_broker_fixture)
  _kafkascope_broker_fixture(kafka_broker "${KAFKASCOPE_BROKER_DIR}" "${KAFKASCOPE_KAFKA_VERSION}")
  _kafkascope_broker_fixture(kafka_broker_39 "${KAFKASCOPE_COMPAT_BROKER_DIR}"
                             "${KAFKASCOPE_KAFKA_COMPAT_VERSION}")
endfunction()

# kafkascope_requires_broker(test_name [RESTARTS_BROKER] [COMPAT])
# RESTARTS_BROKER: the test stops/restarts the broker, so it must not run
# while other broker tests do (ctest -j): it is made RUN_SERIAL.
# COMPAT: the test runs against the Kafka 3.9 broker instead of the default one.
function(kafkascope_requires_broker test_name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "RESTARTS_BROKER;COMPAT" "" "")
  if(arg_COMPAT)
    set(fixture kafka_broker_39)
    set(dir "${KAFKASCOPE_COMPAT_BROKER_DIR}")
    set(version "${KAFKASCOPE_KAFKA_COMPAT_VERSION}")
  else()
    set(fixture kafka_broker)
    set(dir "${KAFKASCOPE_BROKER_DIR}")
    set(version "${KAFKASCOPE_KAFKA_VERSION}")
  endif()
  set_property(TEST "${test_name}" APPEND PROPERTY FIXTURES_REQUIRED ${fixture})
  if(arg_RESTARTS_BROKER)
    set_property(TEST "${test_name}" PROPERTY RUN_SERIAL TRUE)
  endif()
  set_property(TEST "${test_name}" APPEND PROPERTY ENVIRONMENT
    "KAFKASCOPE_BROKER_DIR=${dir}"
    "KAFKASCOPE_BROKER_SCRIPT=${KAFKASCOPE_BROKER_SCRIPT}"
    "KAFKASCOPE_KAFKA_VERSION=${version}"
    "KAFKA_VERSION=${version}"
    "KAFKASCOPE_PYTHON=${KAFKASCOPE_TEST_PYTHON}")
  set_property(TEST "${test_name}" APPEND PROPERTY LABELS "broker")
endfunction()

# kafkascope_add_compat_test(test_name): the compatibility subset. Runs test_name's executable
# (with its environment and timeout) again against the Kafka 3.9 broker as test_name_kafka39.
function(kafkascope_add_compat_test test_name)
  get_test_property(${test_name} TIMEOUT timeout)
  get_test_property(${test_name} LABELS labels)
  get_test_property(${test_name} RUN_SERIAL serial)
  get_test_property(${test_name} ENVIRONMENT environment)
  # The broker's own variables are set anew below, for the 3.9 broker.
  list(FILTER environment EXCLUDE REGEX "^(KAFKASCOPE_BROKER_DIR|KAFKASCOPE_KAFKA_VERSION|KAFKA_VERSION)=")
  set(compat ${test_name}_kafka39)
  add_test(NAME ${compat} COMMAND ${test_name})
  set_tests_properties(${compat} PROPERTIES TIMEOUT ${timeout} LABELS "${labels};compat"
                       ENVIRONMENT "${environment}")
  if(serial)
    kafkascope_requires_broker(${compat} COMPAT RESTARTS_BROKER)
  else()
    kafkascope_requires_broker(${compat} COMPAT)
  endif()
endfunction()

function(kafkascope_add_broker_smoke_test)
  add_test(NAME kafka_broker_smoke COMMAND "${KAFKASCOPE_BROKER_CHECK_SCRIPT}")
  set_tests_properties(kafka_broker_smoke PROPERTIES TIMEOUT 120)
  kafkascope_requires_broker(kafka_broker_smoke)
  add_test(NAME kafka_broker_smoke_kafka39 COMMAND "${KAFKASCOPE_BROKER_CHECK_SCRIPT}")
  set_tests_properties(kafka_broker_smoke_kafka39 PROPERTIES TIMEOUT 120)
  kafkascope_requires_broker(kafka_broker_smoke_kafka39 COMPAT)
endfunction()
