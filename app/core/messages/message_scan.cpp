#include "messages/message_scan.h"

#include "decoding/schema_registry_client.h"
#include "messages/message_decoding.h"

#include <QThread>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <librdkafka/rdkafka.h>
#include <mutex>
#include <thread>

namespace kafkascope {

namespace {

// What the readers of one scan share.
struct Shared
{
    std::atomic_bool stop{false}; // cancelled, truncated or failed: every reader ends
    std::atomic<int> matched{0};  // matches found by all readers, counted before they are kept
    std::mutex mutex;
    std::condition_variable finished;
    int running = 0; // guarded by mutex
};

// One reader's share of the partitions and what it found there.
struct Part
{
    QList<PartitionRange> ranges;
    std::atomic<qint64> scanned{0}; // published every 1,024 records for the progress reports
    QList<KafkaMessage> matches;
    bool truncated = false;
    QString error;
    std::unique_ptr<RecordDecoder> decoder; // kept for its failure counts
};

void scanPart(const ConnectionProfile &profile, const QString &topic, const MessageFilter &filter, int maxMatches,
              Part &part, Shared &shared)
{
    MessageMatcher matcher(filter);
    MessageReader reader(profile, true); // whole ranges, drained as they arrive
    if (!reader.error().isEmpty()) {
        part.error = reader.error();
        shared.stop = true;
        return;
    }
    reader.setHeadersAhead(false); // only matches are copied, headers and all
    RecordDecoder &decoder = *part.decoder;
    qint64 scanned = 0;
    reader.stream(topic, part.ranges, [&](const rd_kafka_message_t *m) {
        if ((++scanned & 1023) == 0)
            part.scanned.store(scanned, std::memory_order_relaxed);
        rd_kafka_timestamp_type_t type;
        const qint64 ts = rd_kafka_message_timestamp(m, &type);
        // What the user reads is what is matched: the decoded form where there is one.
        std::shared_ptr<const DecodedRecord> decoded = decodeRecord(decoder, m);
        const char *key = static_cast<const char *>(m->key);
        qsizetype keyLen = qsizetype(m->key_len);
        const char *value = static_cast<const char *>(m->payload);
        qsizetype valueLen = qsizetype(m->len);
        if (decoded && decoded->keyDecoded) {
            key = decoded->key.constData();
            keyLen = decoded->key.size();
        }
        if (decoded && decoded->valueDecoded) {
            value = decoded->value.constData();
            valueLen = decoded->value.size();
        }
        if (!matcher.matches(key, keyLen, value, valueLen, ts))
            return true;
        if (shared.matched.fetch_add(1, std::memory_order_relaxed) >= maxMatches) {
            part.truncated = true;
            shared.stop = true;
            return false;
        }
        part.matches.append(KafkaMessage::fromRdKafka(m));
        part.matches.last().decoded = std::move(decoded);
        return true;
    }, &shared.stop, &part.error);
    part.scanned.store(scanned, std::memory_order_relaxed);
    if (!part.error.isEmpty())
        shared.stop = true;
}

} // namespace

QList<QList<PartitionRange>> MessageScan::split(const QList<PartitionRange> &ranges, int parts)
{
    QList<PartitionRange> sorted;
    for (const PartitionRange &r : ranges)
        if (r.count() > 0)
            sorted.append(r);
    // The biggest first, each to the lightest group so far.
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.count() > b.count(); });
    QList<QList<PartitionRange>> groups(std::min<qsizetype>(std::max(parts, 1), sorted.size()));
    QList<qint64> load(groups.size(), 0);
    for (const PartitionRange &r : std::as_const(sorted)) {
        const auto lightest = std::min_element(load.begin(), load.end()) - load.begin();
        groups[lightest].append(r);
        load[lightest] += r.count();
    }
    return groups;
}

ScanResult MessageScan::run(const ConnectionProfile &profile, const TopicDecoding &decoding, const QString &topic,
                            const QList<PartitionRange> &ranges, const MessageFilter &filter, int maxMatches,
                            const std::atomic_bool *cancel, const Progress &progress, int readers)
{
    ScanResult result;
    if (const MessageMatcher check(filter); !check.error().isEmpty()) {
        result.error = check.error();
        return result;
    }
    qint64 total = 0;
    for (const PartitionRange &r : ranges)
        total += r.count();
    if (readers <= 0)
        readers = std::clamp(QThread::idealThreadCount(), 1, 4);
    const QList<QList<PartitionRange>> groups = split(ranges, readers);
    Shared shared;
    std::deque<Part> parts(size_t(groups.size())); // atomics stay put
    shared.running = int(groups.size());
    std::vector<std::jthread> threads;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        Part &part = parts[size_t(i)];
        part.ranges = groups[i];
        part.decoder = std::make_unique<RecordDecoder>(SchemaRegistryClient::shared(profile.registry), decoding);
        threads.emplace_back([&profile, &topic, &filter, maxMatches, &part, &shared] {
            scanPart(profile, topic, filter, maxMatches, part, shared);
            std::lock_guard lock(shared.mutex);
            --shared.running;
            shared.finished.notify_all();
        });
    }
    auto scanned = [&] {
        qint64 n = 0;
        for (const Part &p : parts)
            n += p.scanned.load(std::memory_order_relaxed);
        return n;
    };
    auto matched = [&] { return qint64(std::min(shared.matched.load(std::memory_order_relaxed), maxMatches)); };
    // Cancel is passed on within 10 ms; progress goes out every 100 ms.
    auto lastReport = std::chrono::steady_clock::now();
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            shared.stop = true;
        std::unique_lock lock(shared.mutex);
        if (shared.finished.wait_for(lock, std::chrono::milliseconds(10), [&] { return shared.running == 0; }))
            break;
        lock.unlock();
        if (std::chrono::steady_clock::now() - lastReport >= std::chrono::milliseconds(100)) {
            progress(scanned(), total, matched());
            lastReport = std::chrono::steady_clock::now();
        }
    }
    threads.clear(); // joined
    QList<const RecordDecoder *> decoders;
    for (Part &p : parts) {
        result.matches.append(std::move(p.matches));
        result.truncated = result.truncated || p.truncated;
        if (result.error.isEmpty())
            result.error = p.error;
        decoders.append(p.decoder.get());
    }
    result.scanned = scanned();
    std::sort(result.matches.begin(), result.matches.end(), [](const KafkaMessage &a, const KafkaMessage &b) {
        return a.partition != b.partition ? a.partition < b.partition : a.offset < b.offset;
    });
    result.decodeNote = RecordDecoder::failureNote(decoders);
    progress(result.scanned, total, result.matches.size());
    return result;
}

} // namespace kafkascope
