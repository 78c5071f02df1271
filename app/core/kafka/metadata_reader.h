#pragma once
// Blocking metadata and group-listing calls. Run them on a worker thread only.

#include "cluster/cluster_snapshot.h"
#include "kafka/kafka_handles.h"

#include <QHash>

namespace kafkascope {

struct MetadataResult
{
    bool ok = false;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    QString error;
    ClusterSnapshot snapshot;
};

// All brokers and topics, plus the cluster id and controller (each bounded by timeoutMs).
MetadataResult readMetadata(rd_kafka_t *rk, int timeoutMs);

// broker.rack of each broker (DescribeConfigs on BROKER resources, one per broker, sent
// together). Brokers without a rack are absent from the result. Empty + *error on failure.
QHash<int, QString> describeBrokerRacks(rd_kafka_t *rk, const QList<int> &brokerIds, int timeoutMs,
                                        QString *error);

} // namespace kafkascope
