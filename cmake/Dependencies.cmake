# Every dependency comes from Debian bookworm packages (scripts/install-deps.sh).
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Concurrent Network Test Svg PrintSupport)
find_package(QCustomPlotQt6 REQUIRED)
find_package(Qt6Keychain REQUIRED)
find_package(simdjson REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka>=2.0)

# QCustomPlot's imported target carries no include dir; its header is SYSTEM so our
# warning rules do not apply to it.
if(NOT TARGET kafkascope::qcustomplot)
  add_library(kafkascope_qcustomplot INTERFACE)
  add_library(kafkascope::qcustomplot ALIAS kafkascope_qcustomplot)
  target_link_libraries(kafkascope_qcustomplot INTERFACE QCustomPlotQt6::QCustomPlotQt6
                        Qt6::Widgets Qt6::PrintSupport)
  target_compile_definitions(kafkascope_qcustomplot INTERFACE QCUSTOMPLOT_USE_LIBRARY)
endif()
