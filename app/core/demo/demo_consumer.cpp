#include "demo/demo_consumer.h"

#include <chrono>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

LaggingConsumer::LaggingConsumer(const QString &bootstrapServers, const QString &groupId,
                                 const QString &topic, double speed)
    : m_bootstraps(bootstrapServers), m_group(groupId), m_topic(topic), m_speed(speed)
{
}

LaggingConsumer::~LaggingConsumer()
{
    m_thread = {};
    if (m_consumer)
        rd_kafka_consumer_close(m_consumer.get());
}

bool LaggingConsumer::start(QString *error)
{
    char errstr[256];
    ConfPtr conf(rd_kafka_conf_new());
    const QByteArray servers = m_bootstraps.toUtf8(), group = m_group.toUtf8();
    const std::pair<const char *, const char *> props[] = {
        {"bootstrap.servers", servers.constData()},
        {"group.id", group.constData()},
        {"client.id", "kafkascope-demo-consumer"},
        {"auto.offset.reset", "earliest"},
        {"enable.auto.commit", "true"},
        {"auto.commit.interval.ms", "1000"},
        // A consumer that lags on purpose would otherwise keep librdkafka's default read-ahead
        // (100,000 messages, up to 64 MB) full for as long as the demo runs.
        {"queued.min.messages", "2000"},
        {"queued.max.messages.kbytes", "2048"},
        {"log_level", "3"},
    };
    for (const auto &[k, v] : props)
        rd_kafka_conf_set(conf.get(), k, v, errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr);
    if (!rk) {
        *error = QStringLiteral("Demo consumer %1 cannot start: %2").arg(m_group, QString::fromUtf8(errstr));
        return false;
    }
    conf.release();
    m_consumer.reset(rk);
    rd_kafka_poll_set_consumer(rk);
    PartitionListPtr topics(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(topics.get(), m_topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
    if (const auto err = rd_kafka_subscribe(rk, topics.get())) {
        *error = QStringLiteral("Demo consumer %1 cannot subscribe: %2").arg(m_group, kafkaErrorText(err));
        return false;
    }
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
    return true;
}

void LaggingConsumer::run(std::stop_token stop)
{
    using clock = std::chrono::steady_clock;
    double budget = 0;
    auto last = clock::now();
    while (!stop.stop_requested()) {
        const auto now = clock::now();
        budget = std::min(budget + m_speed * m_sourceRate.load()
                                       * std::chrono::duration<double>(now - last).count(),
                          10000.0);
        last = now;
        if (budget < 1.0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        MessagePtr msg(rd_kafka_consumer_poll(m_consumer.get(), 100));
        if (msg && !msg->err) {
            ++m_consumed;
            budget -= 1.0;
        }
    }
}

} // namespace kafkascope
