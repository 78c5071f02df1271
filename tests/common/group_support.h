#pragma once
// Consumer-group helpers for tests, all through independent clients: kcat produces,
// python3-confluent-kafka commits and reads committed offsets, and a python consumer
// subscribed in a background process plays an active group member.

#include <QMap>
#include <QProcess>
#include <QString>
#include <memory>

namespace kafkascope::testing {

// Produces `count` messages to one partition with kcat.
bool produceToPartition(const QString &bootstrap, const QString &topic, int partition, int count,
                        QString *error = nullptr);
// Commits partition -> offset for `group` (assign + synchronous commit; never joins).
bool commitOffsets(const QString &bootstrap, const QString &group, const QString &topic,
                   const QMap<int, qint64> &offsets, QString *error = nullptr);
// The group's committed offset per partition (-1: none), as confluent_kafka sees it.
QMap<int, qint64> committedOffsets(const QString &bootstrap, const QString &group,
                                   const QString &topic, int partitions, QString *error = nullptr);

// A python consumer subscribed to `topic` in `group` until destroyed.
class BackgroundMember
{
public:
    BackgroundMember(const QString &bootstrap, const QString &group, const QString &topic);
    ~BackgroundMember();
    // Waits until the member got its assignment (the group is Stable).
    bool waitAssigned(int timeoutMs, QString *error);

private:
    std::unique_ptr<QProcess> m_process;
};

} // namespace kafkascope::testing
