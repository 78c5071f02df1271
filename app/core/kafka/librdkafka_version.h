#pragma once
// The librdkafka this build runs with, for --version and the About box, without exposing
// librdkafka's header outside core.

#include <QString>

namespace kafkascope {

// The version string of the librdkafka linked in, e.g. "2.14.2".
QString librdkafkaVersion();

} // namespace kafkascope
