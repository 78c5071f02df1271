#pragma once
// Fills in what metadata does not carry for a list of topics: per-partition watermarks
// (hence approximate message counts) and the retention/cleanup configs. Works in batches,
// one request in flight at a time, so thousands of topics neither flood the brokers nor
// block anything; a new round replaces the queue of a running one.

#include "topics/admin_result.h"
#include "cluster/cluster_snapshot.h"
#include "kafka/partition_offsets.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>

namespace kafkascope {

class TopicAdmin;

struct TopicConfigSummary
{
    qint64 retentionMs = -2; // -2 unknown, -1 unlimited
    qint64 retentionBytes = -2;
    QString cleanupPolicy;
};

class TopicStatsLoader : public QObject
{
    Q_OBJECT
public:
    explicit TopicStatsLoader(TopicAdmin *admin, QObject *parent = nullptr);

    static constexpr int kPartitionsPerBatch = 4000;
    static constexpr int kTopicsPerConfigBatch = 200;

    // Watermarks of every partition of `topics`, in batches; emits countsReady per batch.
    void loadWatermarks(const QList<TopicInfo> &topics);
    // Config summaries for these topic names, in batches; emits summariesReady per batch.
    void loadSummaries(const QStringList &topics);
    bool watermarksRunning() const { return m_wmRunning; }
    bool summariesRunning() const { return m_cfgRunning; }
    // Latest per-partition watermarks of a topic (empty when not fetched yet).
    QList<PartitionOffsets> partitionOffsets(const QString &topic) const { return m_offsets.value(topic); }

signals:
    void countsReady(const QHash<QString, qint64> &counts);
    void watermarksFinished(const QString &error); // empty when every batch succeeded
    void summariesReady(const QHash<QString, kafkascope::TopicConfigSummary> &summaries);
    void summariesFailed(const QString &error);

private:
    void nextWatermarkBatch();
    void nextSummaryBatch();

    TopicAdmin *m_admin;
    QFutureWatcher<OffsetLookup> m_wmWatcher;
    QFutureWatcher<ConfigsResult> m_cfgWatcher;
    QList<TopicPartition> m_wmQueue;
    qsizetype m_wmPos = 0;
    QString m_wmError;
    bool m_wmRunning = false;
    QStringList m_cfgQueue;
    qsizetype m_cfgPos = 0;
    bool m_cfgRunning = false;
    QHash<QString, QList<PartitionOffsets>> m_offsets;
};

} // namespace kafkascope
