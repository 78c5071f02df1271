#include "telemetry/telemetry_ingest.h"

#include "decoding/schema_registry_client.h"
#include "decoding/telemetry_payload.h"
#include "jobs/background_priority.h"
#include "jobs/job_runner.h"
#include "kafka/consume_ahead.h"
#include "kafka/kafka_config.h"
#include "kafka/kafka_handles.h"
#include "kafka/partition_offsets.h"
#include "telemetry/batch_writer.h"
#include "telemetry/telemetry_store.h"
#include "kafka/timestamp_search.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QUuid>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {

constexpr int kTimeoutMs = 10000;
constexpr int kPollMs = 100;
constexpr qint64 kPublishEveryMs = 500;
// A run ends within one poll and its consumer's teardown; one blocked in a request to a
// hung broker would hold whoever stops it for up to kTimeoutMs per request.
constexpr std::chrono::milliseconds kStopWaitMs{500};

struct PartitionState
{
    QString topic;
    int partition = 0;
    qint64 start = RD_KAFKA_OFFSET_END;
    qint64 end = -1; // exclusive; -1 when unbounded
    bool done = false;
};

// Per topic: its decoder and its name as a QString (looked up by rkt, which librdkafka
// keeps alive for the consumer's lifetime).
struct TopicDecoder
{
    QString name;
    std::unique_ptr<TelemetryDecoder> decoder;
    DecoderChoice choice;
    std::vector<int> states; // partition -> index into the partition states (-1: none)
};

// The record's headers as views (valid while the message lives), for ThingsBoard's metadata.
void collectHeaders(const rd_kafka_message_t *m, HeaderViews &out)
{
    out.clear();
    rd_kafka_headers_t *headers = nullptr;
    if (rd_kafka_message_headers(m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    const char *name = nullptr;
    const void *value = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
        out.emplace_back(std::string_view(name), std::string_view(static_cast<const char *>(value), value ? size : 0));
}

} // namespace

QString startPositionText(const IngestConfig &c)
{
    switch (c.start) {
    case TelemetryStart::Latest: return QStringLiteral("latest");
    case TelemetryStart::Beginning: return QStringLiteral("beginning");
    case TelemetryStart::Timestamp:
        return QDateTime::fromMSecsSinceEpoch(c.startMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case TelemetryStart::MinutesAgo: return QStringLiteral("%1 min ago").arg(c.minutesAgo);
    }
    return {};
}

// The consumer thread's only way back to its TelemetryIngest and the store. stop() cuts it
// when the thread does not end promptly: from then on the thread reports and writes
// nothing, so it can be left to end by itself while the panel goes on.
class TelemetryIngest::Channel
{
public:
    explicit Channel(TelemetryIngest *owner) : m_owner(owner) {}

    void publish(const IngestStatus &status)
    {
        std::lock_guard lock(m_mutex);
        if (m_owner)
            m_owner->publish(status);
    }
    void apply(TelemetryStore &store, const DecodedBatch &batch, const std::vector<MessageOrigin> &origins)
    {
        std::lock_guard lock(m_mutex);
        if (m_owner)
            store.apply(batch, origins, QDateTime::currentMSecsSinceEpoch());
    }
    void cut()
    {
        std::lock_guard lock(m_mutex);
        m_owner = nullptr;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_done.notify_all();
    }
    bool waitFinished(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_done.wait_for(lock, timeout, [this] { return m_finished; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    TelemetryIngest *m_owner; // null once cut
    bool m_finished = false;
};

TelemetryIngest::TelemetryIngest(const ConnectionProfile &profile, std::shared_ptr<TelemetryStore> store,
                                 QObject *parent)
    : QObject(parent), m_profile(profile), m_store(std::move(store))
{
    qRegisterMetaType<kafkascope::IngestStatus>();
}

TelemetryIngest::~TelemetryIngest()
{
    stop();
}

void TelemetryIngest::start(const IngestConfig &config)
{
    stop();
    {
        QMutexLocker lock(&m_mutex);
        m_config = config;
    }
    IngestStatus s;
    s.state = IngestStatus::State::Starting;
    s.message = tr("Connecting to %1…").arg(config.topics.join(QStringLiteral(", ")));
    publish(s);
    m_channel = std::make_shared<Channel>(this);
    JobRunner::threadStarting(); // counted, so that quitting never outruns a detached run
    m_thread = std::jthread([config, profile = m_profile, store = m_store, channel = m_channel](std::stop_token stop) mutable {
        lowerCurrentThreadPriority(); // decoding at full speed must not delay the panel's frames
        run(stop, config, profile, *store, *channel);
        channel->finish();
        store.reset(); // what the thread owns goes before it is counted out
        channel.reset();
        JobRunner::threadEnded();
    });
}

void TelemetryIngest::stop()
{
    if (!m_thread.joinable())
        return;
    m_thread.request_stop();
    if (m_channel->waitFinished(kStopWaitMs)) {
        m_thread.join();
    } else {
        m_channel->cut();
        m_thread.detach(); // it holds what it still uses: its settings, the store, the channel
    }
    m_channel.reset();
    IngestStatus s = status();
    if (s.active()) {
        s.state = IngestStatus::State::Stopped;
        s.message = tr("Stopped");
        publish(s);
    }
}

bool TelemetryIngest::isRunning() const
{
    return status().active();
}

IngestStatus TelemetryIngest::status() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

IngestConfig TelemetryIngest::config() const
{
    QMutexLocker lock(&m_mutex);
    return m_config;
}

void TelemetryIngest::publish(const IngestStatus &status)
{
    {
        QMutexLocker lock(&m_mutex);
        m_status = status;
    }
    emit statusChanged(status);
}

// One run of the consumer thread, as named steps in the order they happen: open the
// consumer, find the partitions, place each partition's start (and end, for a bounded
// replay), assign, then poll, decode and store batch after batch until stopped or done, and
// report. Lives on the consumer thread only; everything it reports or stores goes through
// the channel, so a cut channel silences it.
class TelemetryIngest::Run
{
public:
    Run(std::stop_token stop, const IngestConfig &config, const ConnectionProfile &profile, TelemetryStore &store,
        Channel &channel)
        : m_stop(std::move(stop)), m_config(config), m_profile(profile), m_store(store), m_channel(channel),
          m_named(!config.groupId.isEmpty()), m_bounded(config.stopAtEnd || config.endMs >= 0)
    {
        m_status.state = IngestStatus::State::Starting;
    }

    void exec()
    {
        if (m_config.topics.isEmpty()) {
            fail(tr("Pick at least one topic."));
            return;
        }
        if (!openConsumer() || !findPartitions())
            return;
        if (m_stop.stop_requested())
            return;
        if (!placeStarts() || !placeEnds() || !startConsuming())
            return;
        reportRunning();
        prepareDecoding();
        if (!consume())
            return;
        close();
    }

private:
    // Every failure ends the run with its reason; false so that steps can `return fail(...)`.
    bool fail(const QString &why)
    {
        m_status.state = IngestStatus::State::Failed;
        m_status.message = why;
        m_channel.publish(m_status);
        return false;
    }

    bool openConsumer()
    {
        // Without a named group the consumer still needs a group.id for assign(); a throwaway
        // one that never joins, fetches or commits anything leaves no trace on the cluster.
        const QString group = m_named ? m_config.groupId
                                      : QStringLiteral("kafkascope-telemetry-") + QUuid::createUuid().toString(QUuid::Id128);
        const bool fromStart = m_config.start == TelemetryStart::Beginning;
        KafkaProperties overrides{
            {QStringLiteral("group.id"), group},
            {QStringLiteral("client.id"), QStringLiteral("kafkascope-telemetry")},
            {QStringLiteral("enable.auto.commit"), m_named ? QStringLiteral("true") : QStringLiteral("false")},
            {QStringLiteral("enable.auto.offset.store"), m_named ? QStringLiteral("true") : QStringLiteral("false")},
            {QStringLiteral("auto.offset.reset"), fromStart ? QStringLiteral("earliest") : QStringLiteral("latest")},
            {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
            {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")},
        };
        overrides.append(bulkConsumerProperties());
        QString error;
        m_rk = makeKafkaClient(m_profile, RD_KAFKA_CONSUMER, overrides, &error);
        if (!m_rk)
            return fail(tr("Cannot create the consumer: %1").arg(error));
        rd_kafka_poll_set_consumer(m_rk.get());
        return true;
    }

    // The partitions of the requested topics; a topic missing from the cluster is an error,
    // not an empty run.
    bool findPartitions()
    {
        const rd_kafka_metadata_t *raw = nullptr;
        const rd_kafka_resp_err_t err = rd_kafka_metadata(m_rk.get(), 1, nullptr, &raw, kTimeoutMs);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
            return fail(tr("Cannot read the topics' partitions: %1").arg(kafkaErrorText(err)));
        MetadataPtr metadata(raw);
        for (const QString &topic : m_config.topics) {
            const QByteArray name = topic.toUtf8();
            const rd_kafka_metadata_topic_t *found = nullptr;
            for (int i = 0; i < metadata->topic_cnt; ++i)
                if (name == metadata->topics[i].topic)
                    found = &metadata->topics[i];
            if (!found || found->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                return fail(tr("Topic \"%1\" does not exist on this cluster.").arg(topic));
            if (found->err)
                return fail(tr("Topic \"%1\": %2").arg(topic, kafkaErrorText(found->err)));
            for (int p = 0; p < found->partition_cnt; ++p)
                m_partitions.append({topic, found->partitions[p].id});
        }
        m_status.partitions = int(m_partitions.size());
        return true;
    }

    // Where each partition starts: an offset looked up by time, or a logical edge made
    // concrete from the watermarks when there is no group to resolve it.
    bool placeStarts()
    {
        for (const TopicPartition &tp : m_partitions)
            m_states.append({tp.topic, tp.partition});
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_config.start == TelemetryStart::Timestamp || m_config.start == TelemetryStart::MinutesAgo) {
            const qint64 ts = m_config.start == TelemetryStart::Timestamp ? m_config.startMs
                                                                          : now - qint64(m_config.minutesAgo) * 60000;
            const OffsetLookup at = offsetsForTime(m_profile, m_rk.get(), m_partitions, ts, kTimeoutMs);
            if (!at.ok)
                return fail(tr("Cannot find the offsets at the start time: %1").arg(at.error));
            for (qsizetype i = 0; i < m_states.size(); ++i) {
                if (!at.partitions[i].error.isEmpty())
                    return fail(tr("%1 [%2]: %3").arg(m_states[i].topic).arg(m_states[i].partition).arg(at.partitions[i].error));
                m_states[i].start = at.partitions[i].low;
            }
        } else if (m_config.start == TelemetryStart::Beginning) {
            for (auto &s : m_states)
                s.start = RD_KAFKA_OFFSET_BEGINNING;
        }
        const bool logicalStart = m_config.start == TelemetryStart::Beginning || m_config.start == TelemetryStart::Latest;
        // The watermarks serve both the logical start below and a bounded run's end.
        if (m_bounded || (logicalStart && !m_named))
            m_marks = queryWatermarks(m_rk.get(), m_partitions, kTimeoutMs);
        if (m_bounded && !m_marks.ok)
            return fail(tr("Cannot read the partitions' end offsets: %1").arg(m_marks.error));
        if (logicalStart && !m_named && m_marks.ok) {
            // Assign concrete offsets: librdkafka 2.0.2 resolves "beginning"/"latest" with a
            // ListOffsets request that, when assign() beats the partition's leader lookup, is
            // retried only after a fixed 500 ms (seen with debug=fetch): half a second of nothing
            // before the first message, in one start out of three.
            for (qsizetype i = 0; i < m_states.size(); ++i) {
                const PartitionOffsets &m = m_marks.partitions[i];
                const qint64 concrete = m_config.start == TelemetryStart::Beginning ? m.low : m.high;
                if (m.error.isEmpty() && concrete >= 0)
                    m_states[i].start = concrete;
            }
        }
        return true;
    }

    // A bounded run ends each partition at its end as of now or at the end time, whichever
    // comes first; a partition with nothing in range is done before it starts.
    bool placeEnds()
    {
        if (!m_bounded)
            return true;
        OffsetLookup until;
        if (m_config.endMs >= 0) {
            until = offsetsForTime(m_profile, m_rk.get(), m_partitions, m_config.endMs + 1, kTimeoutMs);
            if (!until.ok)
                return fail(tr("Cannot find the offsets at the end time: %1").arg(until.error));
        }
        for (qsizetype i = 0; i < m_states.size(); ++i) {
            PartitionState &s = m_states[i];
            s.end = m_marks.partitions[i].high;
            if (m_config.endMs >= 0 && until.partitions[i].low >= 0)
                s.end = std::min(s.end, until.partitions[i].low);
            const qint64 first = s.start == RD_KAFKA_OFFSET_BEGINNING ? m_marks.partitions[i].low
                               : s.start == RD_KAFKA_OFFSET_END       ? m_marks.partitions[i].high
                                                                      : s.start;
            s.done = first < 0 || s.end < 0 || first >= s.end;
        }
        return true;
    }

    // A named group subscribes (the group places the partitions); otherwise every partition
    // not already done is assigned at its start.
    bool startConsuming()
    {
        rd_kafka_resp_err_t err;
        if (m_named) {
            PartitionListPtr topics(rd_kafka_topic_partition_list_new(int(m_config.topics.size())));
            for (const QString &t : m_config.topics)
                rd_kafka_topic_partition_list_add(topics.get(), t.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
            err = rd_kafka_subscribe(m_rk.get(), topics.get());
        } else {
            PartitionListPtr list(rd_kafka_topic_partition_list_new(int(m_states.size())));
            for (const PartitionState &s : m_states)
                if (!s.done)
                    rd_kafka_topic_partition_list_add(list.get(), s.topic.toUtf8().constData(), s.partition)->offset = s.start;
            err = rd_kafka_assign(m_rk.get(), list.get());
        }
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
            return fail(tr("Cannot start consuming: %1").arg(kafkaErrorText(err)));
        for (qsizetype i = 0; i < m_states.size(); ++i)
            m_stateIndex.insert({m_states[i].topic, m_states[i].partition}, int(i));
        return true;
    }

    void reportRunning()
    {
        m_status.state = IngestStatus::State::Running;
        m_status.message = tr("Consuming %1 partition(s) from %2").arg(m_states.size()).arg(startPositionText(m_config));
        m_channel.publish(m_status);
    }

    // The consume-ahead thread fetches (and parses headers) while this one decodes.
    void prepareDecoding()
    {
        m_queue.reset(rd_kafka_queue_get_consumer(m_rk.get()));
        const auto headers = m_config.decoder.deviceSource == DeviceSource::Header || m_config.thingsBoardHeaders
                                 ? ConsumeAhead::Headers::Parse
                                 : ConsumeAhead::Headers::Leave;
        m_payload.emplace(SchemaRegistryClient::shared(m_profile.registry));
        m_ahead = std::make_unique<ConsumeAhead>(m_queue.get(), size_t(std::max(m_config.batchSize, 1)), headers);
        m_headerName = m_config.decoder.deviceField.toUtf8();
        m_writer.emplace([this](const DecodedBatch &batch, const std::vector<MessageOrigin> &origins) {
            m_channel.apply(m_store, batch, origins);
        });
        m_sincePublish.start();
    }

    bool allDone() const
    {
        return std::all_of(m_states.begin(), m_states.end(), [](const PartitionState &s) { return s.done; });
    }

    // Batch after batch until stopped or, bounded, every partition is done. False when the
    // consumer failed for good (reported).
    bool consume()
    {
        while (!m_stop.stop_requested() && !(m_bounded && allDone())) {
            const auto messages = m_ahead->next(kPollMs);
            m_batch.clear();
            m_origins.clear();
            for (size_t i = 0; i < messages.size(); ++i)
                take(messages[i], m_ahead->hasHeaders(i));
            store();
            reportProgress();
            char fatal[256];
            if (rd_kafka_fatal_error(m_rk.get(), fatal, sizeof fatal) != RD_KAFKA_RESP_ERR_NO_ERROR)
                return fail(tr("The consumer failed: %1").arg(QString::fromUtf8(fatal)));
        }
        return true;
    }

    // One message of a batch: an event, one past a bounded partition's end, or a record to decode.
    void take(const rd_kafka_message_t *m, bool hasHeaders)
    {
        if (m->err) {
            takeEvent(m);
            return;
        }
        TopicDecoder &td = decoderFor(m->rkt);
        if (m_bounded && pastEnd(td, m))
            return;
        ++m_status.messages;
        m_status.bytes += qint64(m->len);
        decode(td, m, hasHeaders);
    }

    // A partition's end marks it done when bounded; any other error is shown as a warning
    // and consuming goes on (librdkafka retries).
    void takeEvent(const rd_kafka_message_t *m)
    {
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (m_bounded && m->rkt) {
                const int at = m_stateIndex.value({QString::fromUtf8(rd_kafka_topic_name(m->rkt)), m->partition}, -1);
                if (at >= 0 && (m_states[at].end < 0 || m->offset >= m_states[at].end))
                    m_states[at].done = true;
            }
            return;
        }
        m_status.warning = kafkaErrorText(m->err) + QStringLiteral(" (") + QString::fromUtf8(rd_kafka_message_errstr(m))
                         + QLatin1Char(')');
    }

    // Made on a topic's first record: its decoder, its name and its partitions' states.
    TopicDecoder &decoderFor(const rd_kafka_topic_t *rkt)
    {
        TopicDecoder &td = m_decoders[rkt];
        if (!td.decoder) {
            td.name = QString::fromUtf8(rd_kafka_topic_name(rkt));
            td.decoder = std::make_unique<TelemetryDecoder>(m_config.decoder);
            td.choice = m_config.valueDecoders.value(td.name);
            for (qsizetype s = 0; s < m_states.size(); ++s) {
                if (m_states[s].topic != td.name)
                    continue;
                if (size_t(m_states[s].partition) >= td.states.size())
                    td.states.resize(size_t(m_states[s].partition) + 1, -1);
                td.states[size_t(m_states[s].partition)] = int(s);
            }
        }
        return td;
    }

    // True for a record at or past its partition's end (skipped); the last one in range
    // marks the partition done.
    bool pastEnd(const TopicDecoder &td, const rd_kafka_message_t *m)
    {
        // A vector look-up, not a hash of the topic name: this runs for every message.
        const int at = m->partition >= 0 && size_t(m->partition) < td.states.size() ? td.states[size_t(m->partition)] : -1;
        if (at < 0)
            return false;
        PartitionState &s = m_states[at];
        if (s.done || (s.end >= 0 && m->offset >= s.end))
            return true;
        if (s.end >= 0 && m->offset + 1 >= s.end)
            s.done = true;
        return false;
    }

    // Decodes one record into the batch, its origin beside it; the views point into the
    // message, which lives until the next batch is fetched.
    void decode(TopicDecoder &td, const rd_kafka_message_t *m, bool hasHeaders)
    {
        RawMessage raw;
        raw.value = std::string_view(static_cast<const char *>(m->payload), m->payload ? m->len : 0);
        raw.key = std::string_view(static_cast<const char *>(m->key), m->key ? m->key_len : 0);
        const char *topicName = rd_kafka_topic_name(m->rkt);
        raw.topic = topicName;
        rd_kafka_timestamp_type_t tsType;
        raw.kafkaTimestampMs = rd_kafka_message_timestamp(m, &tsType);
        if (raw.kafkaTimestampMs < 0)
            raw.kafkaTimestampMs = QDateTime::currentMSecsSinceEpoch();
        if (hasHeaders && m_config.decoder.deviceSource == DeviceSource::Header) {
            rd_kafka_headers_t *headers = nullptr;
            const void *value = nullptr;
            size_t size = 0;
            if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR
                && rd_kafka_header_get_last(headers, m_headerName.constData(), &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR
                && value) {
                raw.header = std::string_view(static_cast<const char *>(value), size);
                raw.hasHeader = true;
            }
        }
        m_headerViews.clear();
        if (hasHeaders && m_config.thingsBoardHeaders)
            collectHeaders(m, m_headerViews);
        if (m_payload->prepare(td.choice, m_headerViews, raw) == TelemetryPayload::Result::NotTelemetry)
            return;
        m_batch.setSource(quint32(m_origins.size()));
        m_origins.push_back({td.name, m->partition, m->offset});
        td.decoder->decode(raw, m_batch);
    }

    // One append per batch under the store's lock, not one per record, on the writer's
    // thread while this one decodes the next batch.
    void store()
    {
        if (!m_origins.empty())
            m_writer->submit(m_batch, m_origins);
    }

    // Counts reach the UI at most every kPublishEveryMs: a status per batch would flood it.
    void reportProgress()
    {
        if (m_sincePublish.elapsed() >= kPublishEveryMs) {
            m_sincePublish.restart();
            m_status.formats = detectedFormats();
            m_channel.publish(m_status);
        }
    }

    QStringList detectedFormats() const
    {
        QStringList formats;
        for (const auto &[rkt, td] : m_decoders)
            formats.append(td.name + QStringLiteral(": ") + formatName(td.decoder->detectedFormat()));
        formats.sort();
        return formats;
    }

    // Stops fetching before the consumer goes; a named group leaves (and commits) cleanly.
    // The last status says whether a bounded replay finished or the run was stopped.
    void close()
    {
        m_writer.reset(); // every decoded batch is in the store before the run says it ended
        m_ahead.reset();
        m_queue.reset();
        if (m_named)
            rd_kafka_consumer_close(m_rk.get());
        m_status.formats = detectedFormats();
        if (m_bounded && allDone()) {
            m_status.state = IngestStatus::State::Finished;
            m_status.message = tr("Finished: %L1 messages replayed").arg(m_status.messages);
        } else {
            m_status.state = IngestStatus::State::Stopped;
            m_status.message = tr("Stopped after %L1 messages").arg(m_status.messages);
        }
        m_channel.publish(m_status);
    }

    std::stop_token m_stop;
    const IngestConfig &m_config;
    const ConnectionProfile &m_profile;
    TelemetryStore &m_store;
    Channel &m_channel;
    const bool m_named;   // a named group: subscribe and commit
    const bool m_bounded; // a replay that ends by itself
    IngestStatus m_status;

    // Declared in the order they are made, so they go in reverse: what fetches before the
    // consumer it fetches from.
    KafkaPtr m_rk;
    QList<TopicPartition> m_partitions;
    QList<PartitionState> m_states;
    OffsetLookup m_marks;
    QHash<QPair<QString, int>, int> m_stateIndex;
    QueuePtr m_queue;
    std::optional<TelemetryPayload> m_payload;
    HeaderViews m_headerViews;
    std::unique_ptr<ConsumeAhead> m_ahead;
    std::unordered_map<const rd_kafka_topic_t *, TopicDecoder> m_decoders;
    DecodedBatch m_batch;
    std::vector<MessageOrigin> m_origins;
    QByteArray m_headerName;
    QElapsedTimer m_sincePublish;
    std::optional<BatchWriter> m_writer; // last: goes first, before what it writes from
};

void TelemetryIngest::run(std::stop_token stop, const IngestConfig &config, const ConnectionProfile &profile,
                          TelemetryStore &store, Channel &channel)
{
    Run(std::move(stop), config, profile, store, channel).exec();
}

} // namespace kafkascope
