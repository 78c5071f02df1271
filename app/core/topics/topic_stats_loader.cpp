#include "topics/topic_stats_loader.h"

#include "topics/topic_admin.h"

#include <QSet>

namespace kafkascope {

TopicStatsLoader::TopicStatsLoader(TopicAdmin *admin, QObject *parent) : QObject(parent), m_admin(admin)
{
    // A batch answering for an older round still carries true watermarks: it is applied,
    // then the loader continues with the newest queue.
    connect(&m_wmWatcher, &QFutureWatcher<OffsetLookup>::finished, this, [this] {
        const OffsetLookup r = m_wmWatcher.result();
        if (!r.ok) {
            m_wmError = r.error;
        } else {
            // A batch may split a topic: group first, then sum whole topics only.
            for (const PartitionOffsets &p : r.partitions) {
                QList<PartitionOffsets> &list = m_offsets[p.topic];
                auto it = std::find_if(list.begin(), list.end(), [&](const PartitionOffsets &o) { return o.partition == p.partition; });
                if (it != list.end())
                    *it = p;
                else
                    list.append(p);
            }
            QHash<QString, qint64> counts;
            for (const PartitionOffsets &p : r.partitions)
                counts.insert(p.topic, 0);
            for (auto it = counts.begin(); it != counts.end(); ++it)
                for (const PartitionOffsets &p : std::as_const(m_offsets[it.key()]))
                    it.value() += p.count();
            emit countsReady(counts);
        }
        nextWatermarkBatch();
    });
    connect(&m_cfgWatcher, &QFutureWatcher<ConfigsResult>::finished, this, [this] {
        const ConfigsResult r = m_cfgWatcher.result();
        if (!r.ok()) {
            m_cfgRunning = false;
            emit summariesFailed(r.error.text());
            return;
        }
        QHash<QString, TopicConfigSummary> out;
        for (const ResourceConfigs &rc : r.resources) {
            if (rc.error.isError())
                continue;
            TopicConfigSummary s;
            if (const ConfigEntry *e = rc.entry(QStringLiteral("retention.ms")))
                s.retentionMs = e->value.toLongLong();
            if (const ConfigEntry *e = rc.entry(QStringLiteral("retention.bytes")))
                s.retentionBytes = e->value.toLongLong();
            if (const ConfigEntry *e = rc.entry(QStringLiteral("cleanup.policy")))
                s.cleanupPolicy = e->value;
            out.insert(rc.name, s);
        }
        emit summariesReady(out);
        nextSummaryBatch();
    });
}

void TopicStatsLoader::loadWatermarks(const QList<TopicInfo> &topics)
{
    m_wmQueue.clear();
    for (const TopicInfo &t : topics)
        for (const PartitionInfo &p : t.partitions)
            m_wmQueue.append({t.name, p.id});
    // Forget topics that are gone so the cache does not grow without bound.
    QSet<QString> names;
    for (const TopicInfo &t : topics)
        names.insert(t.name);
    for (auto it = m_offsets.begin(); it != m_offsets.end();)
        it = names.contains(it.key()) ? std::next(it) : m_offsets.erase(it);
    m_wmPos = 0;
    m_wmError.clear();
    if (!m_wmWatcher.isRunning())
        nextWatermarkBatch();
    // else: the running batch finishes, then the new queue continues from position 0
}

void TopicStatsLoader::nextWatermarkBatch()
{
    if (m_wmPos >= m_wmQueue.size()) {
        const bool wasRunning = m_wmRunning;
        m_wmRunning = false;
        if (wasRunning)
            emit watermarksFinished(m_wmError);
        return;
    }
    m_wmRunning = true;
    const QList<TopicPartition> batch = m_wmQueue.mid(m_wmPos, kPartitionsPerBatch);
    m_wmPos += batch.size();
    m_wmWatcher.setFuture(m_admin->watermarks(batch));
}

void TopicStatsLoader::loadSummaries(const QStringList &topics)
{
    m_cfgQueue = topics;
    m_cfgPos = 0;
    if (!m_cfgWatcher.isRunning())
        nextSummaryBatch();
}

void TopicStatsLoader::nextSummaryBatch()
{
    if (m_cfgPos >= m_cfgQueue.size()) {
        m_cfgRunning = false;
        return;
    }
    m_cfgRunning = true;
    const QStringList batch = m_cfgQueue.mid(m_cfgPos, kTopicsPerConfigBatch);
    m_cfgPos += batch.size();
    m_cfgWatcher.setFuture(m_admin->describeTopicConfigs(batch));
}

} // namespace kafkascope
