#pragma once
// Blocking metadata and group-listing calls. Run them on a worker thread only.

#include "cluster/cluster_snapshot.h"
#include "kafka/kafka_handles.h"

#include <librdkafka/rdkafka.h>

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

struct ClusterDescription
{
    bool ok = false;
    QString error;
    QString clusterId;
    int controllerId = -1;
    QHash<int, QString> racks; // broker id -> broker.rack, brokers without a rack absent
};

// DescribeCluster: the cluster id, the active controller and every broker's rack in one
// request. Clusters that lack the API (the demo's mock) answer !ok with the reason.
ClusterDescription describeCluster(rd_kafka_t *rk, int timeoutMs);

} // namespace kafkascope
