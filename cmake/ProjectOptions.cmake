# One INTERFACE target carries the language standard, warnings and strict Qt defines.
add_library(kafkascope_options INTERFACE)
add_library(kafkascope::options ALIAS kafkascope_options)
target_compile_features(kafkascope_options INTERFACE cxx_std_20)
target_compile_options(kafkascope_options INTERFACE -Wall -Wextra -Wpedantic
                       $<$<BOOL:${KAFKASCOPE_WERROR}>:-Werror>
                       # Hardening for optimised builds (fortify needs optimisation).
                       $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
target_compile_definitions(kafkascope_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
  KAFKASCOPE_VERSION="${PROJECT_VERSION}")

# Helper: every library and executable of ours links the options target.
function(kafkascope_target target)
  target_link_libraries(${target} PRIVATE kafkascope::options)
endfunction()

# librdkafka is private to core: a target other than core (ui, widgets, models, the app)
# gets a stand-in rdkafka.h first on its include path that stops the build with a message,
# since Debian's own librdkafka-dev header would otherwise be found in /usr/include.
function(kafkascope_no_rdkafka target)
  target_include_directories(${target} BEFORE PRIVATE ${PROJECT_SOURCE_DIR}/cmake/rdkafka_private)
endfunction()
