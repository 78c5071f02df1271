#include "messages/message_browser.h"

#include <QElapsedTimer>
#include <QThread>

namespace kafkascope {

MessageBrowser::MessageBrowser(const ConnectionProfile &profile, QObject *parent)
    : QObject(parent), m_profile(profile)
{
    m_pool.setMaxThreadCount(2); // one tail + one scan
    m_pageThread = QThread::create([this] { pageLoop(); });
    m_pageThread->start();
}

MessageBrowser::~MessageBrowser()
{
    {
        QMutexLocker lock(&m_mutex);
        m_quit = true;
        m_wake.wakeAll();
    }
    stopTail();
    cancelScan();
    m_pageThread->wait();
    delete m_pageThread;
    m_pool.waitForDone();
}

void MessageBrowser::open(quint64 generation, const QString &topic, const QList<int> &partitions,
                          const StartPosition &start)
{
    QMutexLocker lock(&m_mutex);
    m_pending.clear(); // a new view: older page requests are moot
    Request r;
    r.generation = generation;
    r.topic = topic;
    r.open = true;
    r.partitions = partitions;
    r.start = start;
    m_pending.append(r);
    m_wake.wakeAll();
}

void MessageBrowser::requestPage(quint64 generation, const QString &topic, int partition, qint64 from, qint64 to)
{
    QMutexLocker lock(&m_mutex);
    Request r;
    r.generation = generation;
    r.topic = topic;
    r.partition = partition;
    r.from = from;
    r.to = to;
    m_pending.append(r);
    // Keep only the newest requests: rows scrolled past are asked for again if shown again.
    while (m_pending.size() > kMaxPendingPages) {
        const Request dropped = m_pending.takeFirst();
        emit pageDropped(dropped.generation, dropped.partition, dropped.from);
    }
    m_wake.wakeAll();
}

void MessageBrowser::pageLoop()
{
    MessageReader reader(m_profile);
    for (;;) {
        Request r;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_quit && m_pending.isEmpty())
                m_wake.wait(&m_mutex);
            if (m_quit)
                return;
            r = m_pending.takeLast(); // newest first: what the user looks at now
        }
        if (!reader.error().isEmpty()) {
            if (r.open)
                emit opened(r.generation, r.topic, RangeLookup{{}, reader.error()});
            else
                emit pageReady(r.generation, r.partition, r.from, {}, reader.error());
            continue;
        }
        if (r.open) {
            QString error;
            QList<int> partitions = r.partitions;
            if (partitions.isEmpty())
                partitions = reader.partitionsOf(r.topic, &error);
            RangeLookup lookup = error.isEmpty() ? reader.resolve(r.topic, partitions, r.start) : RangeLookup{{}, error};
            emit opened(r.generation, r.topic, lookup);
            continue;
        }
        QString error;
        const QList<KafkaMessage> page = reader.fetch(r.topic, r.partition, r.from, r.to, int(r.to - r.from), &error);
        emit pageReady(r.generation, r.partition, r.from, page, error);
    }
}

void MessageBrowser::startTail(quint64 generation, const QString &topic, const QList<int> &partitions)
{
    stopTail();
    auto stop = std::make_shared<std::atomic_bool>(false);
    m_stopTail = stop;
    m_pool.start([this, generation, topic, partitions, stop] {
        MessageReader reader(m_profile);
        if (!reader.error().isEmpty()) {
            emit tailBatch(generation, {}, reader.error());
            return;
        }
        QString error;
        QList<int> parts = partitions.isEmpty() ? reader.partitionsOf(topic, &error) : partitions;
        const RangeLookup ends = error.isEmpty() ? reader.resolve(topic, parts, {StartPosition::EndMinusN, 0})
                                                 : RangeLookup{{}, error};
        if (!ends.ok()) {
            emit tailBatch(generation, {}, ends.error);
            return;
        }
        QList<PartitionRange> open;
        for (const PartitionRange &r : ends.ranges)
            open.append({r.partition, r.end, std::numeric_limits<qint64>::max(), {}});
        QList<KafkaMessage> batch;
        QElapsedTimer flush;
        flush.start();
        // The stream never ends by itself; the sink flushes and checks the stop flag.
        reader.stream(topic, open, [&](const rd_kafka_message_t *m) {
            batch.append(KafkaMessage::fromRdKafka(m));
            if (flush.elapsed() >= 200 || batch.size() >= 5000) {
                emit tailBatch(generation, batch, {});
                batch.clear();
                flush.restart();
            }
            return !stop->load();
        }, stop.get(), &error, std::numeric_limits<int>::max(), [&] {
            if (!batch.isEmpty() && flush.elapsed() >= 200) {
                emit tailBatch(generation, batch, {});
                batch.clear();
                flush.restart();
            }
        });
        if (!batch.isEmpty())
            emit tailBatch(generation, batch, {});
        if (!error.isEmpty())
            emit tailBatch(generation, {}, error);
    });
}

void MessageBrowser::stopTail()
{
    if (m_stopTail)
        *m_stopTail = true;
}

void MessageBrowser::scan(quint64 generation, const QString &topic, const QList<PartitionRange> &ranges,
                          const MessageFilter &filter, int maxMatches)
{
    cancelScan();
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancelScan = cancel;
    m_pool.start([this, generation, topic, ranges, filter, maxMatches, cancel] {
        MessageMatcher matcher(filter);
        if (!matcher.error().isEmpty()) {
            emit scanFinished(generation, {}, 0, false, false, matcher.error());
            return;
        }
        MessageReader reader(m_profile);
        if (!reader.error().isEmpty()) {
            emit scanFinished(generation, {}, 0, false, false, reader.error());
            return;
        }
        qint64 total = 0;
        for (const PartitionRange &r : ranges)
            total += r.count();
        QList<KafkaMessage> matches;
        qint64 scanned = 0;
        bool truncated = false;
        QElapsedTimer tick;
        tick.start();
        QString error;
        reader.stream(topic, ranges, [&](const rd_kafka_message_t *m) {
            ++scanned;
            rd_kafka_timestamp_type_t type;
            const qint64 ts = rd_kafka_message_timestamp(m, &type);
            if (matcher.matches(static_cast<const char *>(m->key), qsizetype(m->key_len),
                                static_cast<const char *>(m->payload), qsizetype(m->len), ts)) {
                if (matches.size() >= maxMatches) {
                    truncated = true;
                    return false;
                }
                matches.append(KafkaMessage::fromRdKafka(m));
            }
            if (tick.elapsed() >= 100) {
                emit scanProgress(generation, scanned, total, matches.size());
                tick.restart();
            }
            return true;
        }, cancel.get(), &error);
        emit scanProgress(generation, scanned, total, matches.size());
        emit scanFinished(generation, matches, scanned, cancel->load(), truncated, error);
    });
}

void MessageBrowser::cancelScan()
{
    if (m_cancelScan)
        *m_cancelScan = true;
}

} // namespace kafkascope
