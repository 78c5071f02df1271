#pragma once
// A consumer-group member for the demo cluster that reads at a fraction of the produce
// rate, so its lag grows and the lag views have something to show.

#include "kafka/kafka_handles.h"

#include <QString>
#include <atomic>
#include <thread>

namespace kafkascope {

class LaggingConsumer
{
public:
    // speed 1.0 keeps up; 0.6 reads 60 % of what the devices produce.
    LaggingConsumer(const QString &bootstrapServers, const QString &groupId, const QString &topic,
                    double speed);
    ~LaggingConsumer();

    bool start(QString *error);
    void setSourceRate(int messagesPerSecond) { m_sourceRate = messagesPerSecond; }
    qint64 consumedCount() const { return m_consumed; }

private:
    void run(std::stop_token stop);

    QString m_bootstraps, m_group, m_topic;
    double m_speed;
    std::atomic<int> m_sourceRate{0};
    std::atomic<qint64> m_consumed{0};
    KafkaPtr m_consumer;
    std::jthread m_thread;
};

} // namespace kafkascope
