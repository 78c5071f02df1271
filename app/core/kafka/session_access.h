#pragma once
// How core's own services (offset poller, topic admin, group monitor, offset reset) borrow a
// session's librdkafka handle. ClusterSession does not hand it out publicly, and this header
// is of no use outside core, where rdkafka.h cannot be included.

#include "cluster/cluster_session.h"

namespace kafkascope {

class SessionAccess
{
public:
    // Null before start() or after stop(). rd_kafka_t is thread-safe; keep the shared_ptr
    // while using it.
    static std::shared_ptr<rd_kafka_t> client(const ClusterSession &session) { return session.client(); }
};

} // namespace kafkascope
