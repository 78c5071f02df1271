#include "messages/message_browser.h"

#include "decoding/schema_registry_client.h"
#include "messages/message_decoding.h"
#include "messages/message_scan.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QWaitCondition>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

// The page requests shared between the browser and its page job.
struct MessageBrowser::PageQueue
{
    QMutex mutex;
    QWaitCondition wake;
    QList<Request> pending; // guarded by mutex
    bool quit = false;      // guarded by mutex
};

MessageBrowser::MessageBrowser(const ConnectionProfile &profile, QObject *parent)
    : QObject(parent), m_profile(profile), m_channel(std::make_shared<JobChannel>(this)),
      m_pages(std::make_shared<PageQueue>())
{
    m_pageJob = m_jobs.start(QStringLiteral("pages"), 0,
                             [queue = m_pages, profile, channel = m_channel, self = this](JobControl &) {
                                 pageLoop(queue, profile, channel, self);
                             });
}

MessageBrowser::~MessageBrowser()
{
    m_channel->cut(); // nothing more reaches this object
    {
        QMutexLocker lock(&m_pages->mutex);
        m_pages->quit = true;
        m_pages->wake.wakeAll();
    }
    // The jobs own what they use and end by themselves (m_jobs cancels them): no waiting.
}

void MessageBrowser::open(quint64 generation, const QString &topic, const QList<int> &partitions,
                          const StartPosition &start)
{
    QMutexLocker lock(&m_pages->mutex);
    m_pages->pending.clear(); // a new view: older page requests are moot
    Request r;
    r.generation = generation;
    r.topic = topic;
    r.open = true;
    r.partitions = partitions;
    r.start = start;
    m_pages->pending.append(r);
    m_pages->wake.wakeAll();
}

void MessageBrowser::requestPage(quint64 generation, const QString &topic, int partition, qint64 from, qint64 to)
{
    QList<Request> dropped;
    {
        QMutexLocker lock(&m_pages->mutex);
        Request r;
        r.generation = generation;
        r.topic = topic;
        r.partition = partition;
        r.from = from;
        r.to = to;
        r.decoding = m_decoding;
        m_pages->pending.append(r);
        // Keep only the newest requests: rows scrolled past are asked for again if shown again.
        while (m_pages->pending.size() > kMaxPendingPages)
            dropped.append(m_pages->pending.takeFirst());
        m_pages->wake.wakeAll();
    }
    // Outside the lock: a slot may well ask for another page right away.
    for (const Request &d : std::as_const(dropped))
        emit pageDropped(d.generation, d.partition, d.from);
}

void MessageBrowser::pageLoop(const std::shared_ptr<PageQueue> &queue, const ConnectionProfile &profile,
                              const std::shared_ptr<JobChannel> &channel, MessageBrowser *self)
{
    // `self` is only used inside what the channel delivers, on the browser's thread.
    MessageReader reader(profile);
    std::unique_ptr<RecordDecoder> decoder; // rebuilt when the topic's decoding changes
    for (;;) {
        Request r;
        {
            QMutexLocker lock(&queue->mutex);
            while (!queue->quit && queue->pending.isEmpty())
                queue->wake.wait(&queue->mutex);
            if (queue->quit)
                return;
            r = queue->pending.takeLast(); // newest first: what the user looks at now
        }
        if (!reader.error().isEmpty()) {
            const QString error = reader.error();
            if (r.open)
                channel->post([self, r, error] { emit self->opened(r.generation, r.topic, RangeLookup{{}, error}); });
            else
                channel->post([self, r, error] { emit self->pageReady(r.generation, r.partition, r.from, {}, error); });
            continue;
        }
        if (r.open) {
            QString error;
            QList<int> partitions = r.partitions;
            if (partitions.isEmpty())
                partitions = reader.partitionsOf(r.topic, &error);
            RangeLookup lookup = error.isEmpty() ? reader.resolve(r.topic, partitions, r.start) : RangeLookup{{}, error};
            channel->post([self, r, lookup] { emit self->opened(r.generation, r.topic, lookup); });
            continue;
        }
        QString error;
        QList<KafkaMessage> page = reader.fetch(r.topic, r.partition, r.from, r.to, int(r.to - r.from), &error);
        if (!decoder || decoder->decoding() != r.decoding)
            decoder = std::make_unique<RecordDecoder>(SchemaRegistryClient::shared(profile.registry), r.decoding);
        attachDecoded(*decoder, &page);
        channel->post([self, r, page, error] {
            // Decoded with a choice the user has since changed: it will be asked for again.
            if (self->m_decoding != r.decoding)
                emit self->pageDropped(r.generation, r.partition, r.from);
            else
                emit self->pageReady(r.generation, r.partition, r.from, page, error);
        });
        if (channel->isCut())
            return;
    }
}

void MessageBrowser::startTail(quint64 generation, const QString &topic, const QList<int> &partitions)
{
    stopTail();
    auto send = [channel = m_channel, self = this, generation](const QList<KafkaMessage> &batch, const QString &error) {
        channel->post([self, generation, batch, error] { emit self->tailBatch(generation, batch, error); });
    };
    m_tail = m_jobs.start(QStringLiteral("tail"), generation, [profile = m_profile, decoding = m_decoding, topic,
                                                                partitions, send](JobControl &job) {
        const std::atomic_bool *stop = job.cancelFlag();
        RecordDecoder decoder(SchemaRegistryClient::shared(profile.registry), decoding);
        MessageReader reader(profile);
        if (!reader.error().isEmpty()) {
            send({}, reader.error());
            return;
        }
        QString error;
        QList<int> parts = partitions.isEmpty() ? reader.partitionsOf(topic, &error) : partitions;
        const RangeLookup ends = error.isEmpty() ? reader.resolve(topic, parts, {StartPosition::EndMinusN, 0})
                                                 : RangeLookup{{}, error};
        if (!ends.ok()) {
            send({}, ends.error);
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
            batch.last().decoded = decodeRecord(decoder, m);
            if (flush.elapsed() >= 200 || batch.size() >= 5000) {
                send(batch, {});
                batch.clear();
                flush.restart();
            }
            return !stop->load();
        }, stop, &error, std::numeric_limits<int>::max(), [&] {
            if (!batch.isEmpty() && flush.elapsed() >= 200) {
                send(batch, {});
                batch.clear();
                flush.restart();
            }
        });
        if (!batch.isEmpty())
            send(batch, {});
        if (!error.isEmpty())
            send({}, error);
    });
}

void MessageBrowser::stopTail()
{
    m_tail.cancel();
}

void MessageBrowser::scan(quint64 generation, const QString &topic, const QList<PartitionRange> &ranges,
                          const MessageFilter &filter, int maxMatches)
{
    cancelScan();
    auto finish = [channel = m_channel, self = this, generation](const QList<KafkaMessage> &matches, qint64 scanned,
                                                                   bool cancelled, bool truncated, const QString &error,
                                                                   const QString &decodeNote) {
        channel->post([=] { emit self->scanFinished(generation, matches, scanned, cancelled, truncated, error, decodeNote); });
    };
    auto progress = [channel = m_channel, self = this, generation](qint64 scanned, qint64 total, qint64 matched) {
        channel->post([=] { emit self->scanProgress(generation, scanned, total, matched); });
    };
    m_scan = m_jobs.start(QStringLiteral("scan"), generation, [profile = m_profile, decoding = m_decoding, topic, ranges,
                                                                filter, maxMatches, finish, progress](JobControl &job) {
        const std::atomic_bool *cancel = job.cancelFlag();
        ScanResult r = MessageScan::run(profile, decoding, topic, ranges, filter, maxMatches, cancel, progress);
        finish(r.matches, r.scanned, cancel->load(), r.truncated, r.error, r.decodeNote);
    });
}

void MessageBrowser::cancelScan()
{
    m_scan.cancel();
}

} // namespace kafkascope
