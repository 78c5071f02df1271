# Every dependency comes from Debian bookworm packages (scripts/install-deps.sh).
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Concurrent Network Test Svg PrintSupport DBus)
find_package(QCustomPlotQt6 REQUIRED)
find_package(Qt6Keychain REQUIRED)
find_package(simdjson REQUIRED)
find_package(PkgConfig REQUIRED)
# Decoding: protobuf's runtime and compiler library (DynamicMessage, compiler::Importer, JSON
# printing) and Apache Avro C, the only Avro library Debian packages (libavro-dev).
find_package(Protobuf REQUIRED)
pkg_check_modules(AVRO REQUIRED IMPORTED_TARGET avro-c)

# librdkafka >= 2.12 (KIP-848 groups, SCRAM that Kafka 4 accepts, the modern admin API).
# scripts/librdkafka.sh decides: "system" when the system's is new enough, else the prefix of
# our static build in the cache (built once from Debian's source package, reused afterwards).
# kafkascope::rdkafka is linked PRIVATE by core only.
if(NOT KAFKASCOPE_LIBRDKAFKA)
  execute_process(COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/librdkafka.sh"
                  OUTPUT_VARIABLE librdkafka_choice OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE librdkafka_status)
  if(NOT librdkafka_status EQUAL 0 OR librdkafka_choice STREQUAL "")
    message(FATAL_ERROR "scripts/librdkafka.sh could not provide librdkafka >= 2.12 (see above)")
  endif()
  set(KAFKASCOPE_LIBRDKAFKA "${librdkafka_choice}" CACHE STRING
      "'system' or the prefix of Kafkascope's own static librdkafka build")
endif()
if(KAFKASCOPE_LIBRDKAFKA STREQUAL "system")
  pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka>=2.12)
  add_library(kafkascope::rdkafka ALIAS PkgConfig::RDKAFKA)
else()
  # librdkafka's package config finds LZ4 through the FindLZ4.cmake it installs beside itself.
  list(APPEND CMAKE_MODULE_PATH "${KAFKASCOPE_LIBRDKAFKA}/lib/cmake/RdKafka")
  find_package(RdKafka 2.12 CONFIG REQUIRED PATHS "${KAFKASCOPE_LIBRDKAFKA}" NO_DEFAULT_PATH)
  add_library(kafkascope::rdkafka ALIAS RdKafka::rdkafka)
  message(STATUS "librdkafka ${RdKafka_VERSION}, static, from ${KAFKASCOPE_LIBRDKAFKA}")
endif()

# QCustomPlot's imported target carries no include dir; its header is SYSTEM so our
# warning rules do not apply to it.
if(NOT TARGET kafkascope::qcustomplot)
  add_library(kafkascope_qcustomplot INTERFACE)
  add_library(kafkascope::qcustomplot ALIAS kafkascope_qcustomplot)
  target_link_libraries(kafkascope_qcustomplot INTERFACE QCustomPlotQt6::QCustomPlotQt6
                        Qt6::Widgets Qt6::PrintSupport)
  target_compile_definitions(kafkascope_qcustomplot INTERFACE QCUSTOMPLOT_USE_LIBRARY)
endif()
