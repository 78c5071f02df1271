#include "demo/demo_cluster.h"

#include "demo/demo_consumer.h"
#include "demo/demo_registry.h"
#include "demo/device_simulator.h"
#include "demo/format_simulator.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace kafkascope {

QStringList DemoCluster::groupIds()
{
    return {QStringLiteral("tb-archiver"), QStringLiteral("tb-rule-engine")};
}

QHash<int, QString> DemoCluster::racks()
{
    QHash<int, QString> out;
    for (int b = 1; b <= kBrokers; ++b) // the mock numbers its brokers from 1
        out.insert(b, QStringLiteral("rack-%1").arg(QChar(char16_t(u'a' + b - 1))));
    return out;
}

DemoCluster::DemoCluster() = default;

DemoCluster::~DemoCluster()
{
    stop();
}

bool DemoCluster::start(int messagesPerSecond, QString *error)
{
    if (m_mock)
        return true;
    char errstr[256];
    ConfPtr conf(rd_kafka_conf_new());
    rd_kafka_conf_set(conf.get(), "log_level", "3", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
    if (!rk) {
        *error = QStringLiteral("Cannot create the demo cluster's host client: ") + QString::fromUtf8(errstr);
        return false;
    }
    conf.release();
    m_host.reset(rk);
    m_mock = rd_kafka_mock_cluster_new(rk, kBrokers);
    if (!m_mock) {
        *error = QStringLiteral("librdkafka could not start its mock cluster.");
        m_host.reset();
        return false;
    }
    m_bootstraps = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_mock));
    for (const DemoTopic &t : kTopics) {
        const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(m_mock, t.name, t.partitions, kBrokers);
        if (err) {
            *error = QStringLiteral("Cannot create demo topic %1: %2")
                         .arg(QString::fromLatin1(t.name), kafkaErrorText(err));
            stop();
            return false;
        }
    }
    const QHash<int, QString> brokerRacks = racks();
    for (auto it = brokerRacks.cbegin(); it != brokerRacks.cend(); ++it)
        rd_kafka_mock_broker_set_rack(m_mock, it.key(), it.value().toLatin1().constData());

    m_devices = std::make_unique<DeviceSimulator>(m_bootstraps, kDevices, kTrackers);
    if (!m_devices->start(messagesPerSecond, error)) {
        stop();
        return false;
    }
    const QList<DemoSchema> schemas = FormatSimulator::registrySchemas();
    m_registry = std::make_unique<DemoRegistry>(schemas);
    m_formats = std::make_unique<FormatSimulator>(m_bootstraps, schemas.first().id);
    if (!m_registry->start(error) || !m_formats->start(error)) {
        stop();
        return false;
    }
    m_formats->setRunning(messagesPerSecond > 0);
    // One group keeps up, one falls behind: both states show in the lag views.
    m_fastGroup = std::make_unique<LaggingConsumer>(m_bootstraps, groupIds().at(0),
                                                    QStringLiteral("tb.telemetry"), 1.0);
    m_slowGroup = std::make_unique<LaggingConsumer>(m_bootstraps, groupIds().at(1),
                                                    QStringLiteral("tb.telemetry"), 0.6);
    if (!m_fastGroup->start(error) || !m_slowGroup->start(error)) {
        stop();
        return false;
    }
    // The groups read a share of the devices' rate: without it they would never poll.
    m_fastGroup->setSourceRate(messagesPerSecond);
    m_slowGroup->setSourceRate(messagesPerSecond);
    return true;
}

void DemoCluster::stop()
{
    // Clients first, so none of them is talking to a vanished broker.
    m_slowGroup.reset();
    m_fastGroup.reset();
    m_devices.reset();
    m_formats.reset();
    m_registry.reset();
    if (m_mock) {
        rd_kafka_mock_cluster_destroy(m_mock);
        m_mock = nullptr;
    }
    m_host.reset();
    m_bootstraps.clear();
}

void DemoCluster::setRate(int messagesPerSecond)
{
    if (m_devices)
        m_devices->setRate(messagesPerSecond);
    if (m_formats)
        m_formats->setRunning(messagesPerSecond > 0);
    if (m_slowGroup)
        m_slowGroup->setSourceRate(messagesPerSecond);
    if (m_fastGroup)
        m_fastGroup->setSourceRate(messagesPerSecond);
}

QString DemoCluster::registryUrl() const
{
    return m_registry ? m_registry->url() : QString();
}

int DemoCluster::rate() const
{
    return m_devices ? m_devices->rate() : 0;
}

qint64 DemoCluster::producedCount() const
{
    return m_devices ? m_devices->producedCount() : 0;
}

void DemoCluster::setAllBrokersDown(bool down)
{
    if (!m_mock)
        return;
    for (int b = 1; b <= kBrokers; ++b) {
        if (down)
            rd_kafka_mock_broker_set_down(m_mock, b);
        else
            rd_kafka_mock_broker_set_up(m_mock, b);
    }
}

} // namespace kafkascope
