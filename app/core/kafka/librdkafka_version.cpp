#include "kafka/librdkafka_version.h"

#include <librdkafka/rdkafka.h>

// KIP-848 groups, the SCRAM nonce fix Kafka 4 insists on, and the modern admin API.
static_assert(RD_KAFKA_VERSION >= 0x020c0000, "Kafkascope needs librdkafka 2.12 or newer");

namespace kafkascope {

QString librdkafkaVersion()
{
    return QString::fromLatin1(rd_kafka_version_str());
}

} // namespace kafkascope
