// Must NOT compile: librdkafka is private to core, so a UI source that includes its header
// stops the build (test rdkafka_private_to_core). Built only by that test.
#include "cluster/cluster_session.h"
#include <librdkafka/rdkafka.h>

int kafkascopeFence()
{
    return RD_KAFKA_PARTITION_UA;
}
