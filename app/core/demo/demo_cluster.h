#pragma once
// The embedded demo cluster: librdkafka's in-process mock cluster (3 brokers on loopback)
// with ThingsBoard-style topics, simulated devices and consumer groups, so the whole app
// works with no Kafka installed. Everything else talks to it through bootstrapServers().

#include "kafka/kafka_handles.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>

struct rd_kafka_mock_cluster_s;

namespace kafkascope {

class DemoRegistry;
class DeviceSimulator;
class FormatSimulator;
class LaggingConsumer;

struct DemoTopic
{
    const char *name;
    int partitions;
};

class DemoCluster
{
public:
    static constexpr int kBrokers = 3;
    static constexpr int kDevices = 50;
    static constexpr int kTrackers = 5;
    static constexpr DemoTopic kTopics[] = {
        {"tb.telemetry", 6}, // ThingsBoard gateway telemetry, 50 sensors
        {"tb.devices", 3},   // ThingsBoard device telemetry, 5 trackers
        {"tb.attributes", 3},
        {"alarms", 2},
        {"tb.rule-node.telemetry", 3}, // ThingsBoard rule-engine Kafka node output, tb_msg_md_* headers
        {"tb_rule_engine.main.0", 1},  // ThingsBoard's rule-engine queue, protobuf, one topic per partition
        {"tb_rule_engine.main.1", 1},
        {"tb_rule_engine.main.2", 1},
        {"demo.meters.avro", 2}, // registry-framed Avro, schema from the demo's registry
    };
    // The topics its devices publish telemetry to (gateway JSON, device JSON).
    static QStringList telemetryTopics() { return {QStringLiteral("tb.telemetry"), QStringLiteral("tb.devices")}; }

    // The demo's consumer groups (classic protocol). librdkafka 2.14's mock cluster still has no
    // ListGroups/DescribeGroups/ConsumerGroupDescribe handlers, so the session lists these itself.
    static QStringList groupIds();
    // Each demo broker's rack (broker id -> rack), as the demo gives them to the mock brokers.
    // The mock has no DescribeCluster, and librdkafka's metadata API does not pass racks on.
    static QHash<int, QString> racks();

    DemoCluster();
    ~DemoCluster();
    DemoCluster(const DemoCluster &) = delete;
    DemoCluster &operator=(const DemoCluster &) = delete;

    // Starts brokers, topics, devices (at `messagesPerSecond`) and consumer groups.
    bool start(int messagesPerSecond, QString *error);
    void stop();
    bool running() const { return m_mock != nullptr; }

    QString bootstrapServers() const { return m_bootstraps; }
    // The demo's Schema Registry endpoint (Confluent-compatible, loopback); empty when stopped.
    QString registryUrl() const;
    // The simulator of the decoder-needing topics (what it produced, for tests); null when stopped.
    const FormatSimulator *formats() const { return m_formats.get(); }
    void setRate(int messagesPerSecond);
    int rate() const;
    qint64 producedCount() const;
    // For fault-injection tests.
    rd_kafka_mock_cluster_s *mock() const { return m_mock; }
    // Every broker down (connections closed, none accepted) or back up: an outage.
    void setAllBrokersDown(bool down);

private:
    KafkaPtr m_host; // the handle the mock cluster lives in
    rd_kafka_mock_cluster_s *m_mock = nullptr;
    QString m_bootstraps;
    std::unique_ptr<DeviceSimulator> m_devices;
    std::unique_ptr<DemoRegistry> m_registry;
    std::unique_ptr<FormatSimulator> m_formats;
    std::unique_ptr<LaggingConsumer> m_slowGroup;
    std::unique_ptr<LaggingConsumer> m_fastGroup;
};

} // namespace kafkascope
