#include "telemetry/telemetry_ingest.h"

#include "decoding/schema_registry_client.h"
#include "decoding/telemetry_payload.h"
#include "jobs/background_priority.h"
#include "jobs/job_runner.h"
#include "kafka/consume_ahead.h"
#include "kafka/kafka_config.h"
#include "kafka/kafka_handles.h"
#include "kafka/partition_offsets.h"
#include "telemetry/telemetry_store.h"
#include "kafka/timestamp_search.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QUuid>
#include <chrono>
#include <condition_variable>
#include <mutex>
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

void TelemetryIngest::run(std::stop_token stop, const IngestConfig &config, const ConnectionProfile &profile,
                          TelemetryStore &store, Channel &channel)
{
    IngestStatus status;
    status.state = IngestStatus::State::Starting;
    auto fail = [&](const QString &why) {
        status.state = IngestStatus::State::Failed;
        status.message = why;
        channel.publish(status);
    };
    if (config.topics.isEmpty())
        return fail(tr("Pick at least one topic."));

    const bool named = !config.groupId.isEmpty();
    // Without a named group the consumer still needs a group.id for assign(); a throwaway
    // one that never joins, fetches or commits anything leaves no trace on the cluster.
    const QString group = named ? config.groupId
                                : QStringLiteral("kafkascope-telemetry-") + QUuid::createUuid().toString(QUuid::Id128);
    const bool fromStart = config.start == TelemetryStart::Beginning;
    KafkaProperties overrides{
        {QStringLiteral("group.id"), group},
        {QStringLiteral("client.id"), QStringLiteral("kafkascope-telemetry")},
        {QStringLiteral("enable.auto.commit"), named ? QStringLiteral("true") : QStringLiteral("false")},
        {QStringLiteral("enable.auto.offset.store"), named ? QStringLiteral("true") : QStringLiteral("false")},
        {QStringLiteral("auto.offset.reset"), fromStart ? QStringLiteral("earliest") : QStringLiteral("latest")},
        {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
        {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("100")},
    };
    overrides.append(bulkConsumerProperties());
    QString error;
    KafkaPtr rk = makeKafkaClient(profile, RD_KAFKA_CONSUMER, overrides, &error);
    if (!rk)
        return fail(tr("Cannot create the consumer: %1").arg(error));
    rd_kafka_poll_set_consumer(rk.get());

    // Partitions of the requested topics.
    const rd_kafka_metadata_t *raw = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &raw, kTimeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return fail(tr("Cannot read the topics' partitions: %1").arg(kafkaErrorText(err)));
    MetadataPtr metadata(raw);
    QList<TopicPartition> partitions;
    for (const QString &topic : config.topics) {
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
            partitions.append({topic, found->partitions[p].id});
    }
    status.partitions = int(partitions.size());
    if (stop.stop_requested())
        return;

    // Where to start and, for bounded replays, where to end.
    QList<PartitionState> states;
    for (const TopicPartition &tp : partitions)
        states.append({tp.topic, tp.partition});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (config.start == TelemetryStart::Timestamp || config.start == TelemetryStart::MinutesAgo) {
        const qint64 ts = config.start == TelemetryStart::Timestamp ? config.startMs : now - qint64(config.minutesAgo) * 60000;
        const OffsetLookup at = offsetsForTime(profile, rk.get(), partitions, ts, kTimeoutMs);
        if (!at.ok)
            return fail(tr("Cannot find the offsets at the start time: %1").arg(at.error));
        for (qsizetype i = 0; i < states.size(); ++i) {
            if (!at.partitions[i].error.isEmpty())
                return fail(tr("%1 [%2]: %3").arg(states[i].topic).arg(states[i].partition).arg(at.partitions[i].error));
            states[i].start = at.partitions[i].low;
        }
    } else if (config.start == TelemetryStart::Beginning) {
        for (auto &s : states)
            s.start = RD_KAFKA_OFFSET_BEGINNING;
    }
    const bool bounded = config.stopAtEnd || config.endMs >= 0;
    const bool logicalStart = config.start == TelemetryStart::Beginning || config.start == TelemetryStart::Latest;
    OffsetLookup marks;
    if (bounded || (logicalStart && !named))
        marks = queryWatermarks(rk.get(), partitions, kTimeoutMs);
    if (bounded && !marks.ok)
        return fail(tr("Cannot read the partitions' end offsets: %1").arg(marks.error));
    if (logicalStart && !named && marks.ok) {
        // Assign concrete offsets: librdkafka 2.0.2 resolves "beginning"/"latest" with a
        // ListOffsets request that, when assign() beats the partition's leader lookup, is
        // retried only after a fixed 500 ms (seen with debug=fetch): half a second of nothing
        // before the first message, in one start out of three.
        for (qsizetype i = 0; i < states.size(); ++i) {
            const PartitionOffsets &m = marks.partitions[i];
            const qint64 concrete = config.start == TelemetryStart::Beginning ? m.low : m.high;
            if (m.error.isEmpty() && concrete >= 0)
                states[i].start = concrete;
        }
    }
    if (bounded) {
        OffsetLookup until;
        if (config.endMs >= 0) {
            until = offsetsForTime(profile, rk.get(), partitions, config.endMs + 1, kTimeoutMs);
            if (!until.ok)
                return fail(tr("Cannot find the offsets at the end time: %1").arg(until.error));
        }
        for (qsizetype i = 0; i < states.size(); ++i) {
            PartitionState &s = states[i];
            s.end = marks.partitions[i].high;
            if (config.endMs >= 0 && until.partitions[i].low >= 0)
                s.end = std::min(s.end, until.partitions[i].low);
            const qint64 first = s.start == RD_KAFKA_OFFSET_BEGINNING ? marks.partitions[i].low
                               : s.start == RD_KAFKA_OFFSET_END       ? marks.partitions[i].high
                                                                      : s.start;
            s.done = first < 0 || s.end < 0 || first >= s.end;
        }
    }

    if (named) {
        PartitionListPtr topics(rd_kafka_topic_partition_list_new(int(config.topics.size())));
        for (const QString &t : config.topics)
            rd_kafka_topic_partition_list_add(topics.get(), t.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
        err = rd_kafka_subscribe(rk.get(), topics.get());
    } else {
        PartitionListPtr list(rd_kafka_topic_partition_list_new(int(states.size())));
        for (const PartitionState &s : states)
            if (!s.done)
                rd_kafka_topic_partition_list_add(list.get(), s.topic.toUtf8().constData(), s.partition)->offset = s.start;
        err = rd_kafka_assign(rk.get(), list.get());
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return fail(tr("Cannot start consuming: %1").arg(kafkaErrorText(err)));

    QHash<QPair<QString, int>, int> stateIndex;
    for (qsizetype i = 0; i < states.size(); ++i)
        stateIndex.insert({states[i].topic, states[i].partition}, int(i));
    auto allDone = [&] {
        return std::all_of(states.begin(), states.end(), [](const PartitionState &s) { return s.done; });
    };

    status.state = IngestStatus::State::Running;
    status.message = tr("Consuming %1 partition(s) from %2").arg(states.size()).arg(startPositionText(config));
    channel.publish(status);

    QueuePtr queue(rd_kafka_queue_get_consumer(rk.get()));
    const auto headers = config.decoder.deviceSource == DeviceSource::Header || config.thingsBoardHeaders
                             ? ConsumeAhead::Headers::Parse
                             : ConsumeAhead::Headers::Leave;
    TelemetryPayload payload(SchemaRegistryClient::shared(profile.registry));
    HeaderViews headerViews;
    auto ahead = std::make_unique<ConsumeAhead>(queue.get(), size_t(std::max(config.batchSize, 1)), headers);
    std::unordered_map<const rd_kafka_topic_t *, TopicDecoder> decoders;
    auto detectedFormats = [&decoders] {
        QStringList formats;
        for (const auto &[rkt, td] : decoders)
            formats.append(td.name + QStringLiteral(": ") + formatName(td.decoder->detectedFormat()));
        formats.sort();
        return formats;
    };
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    const QByteArray headerName = config.decoder.deviceField.toUtf8();
    QElapsedTimer sincePublish;
    sincePublish.start();

    while (!stop.stop_requested() && !(bounded && allDone())) {
        const auto messages = ahead->next(kPollMs);
        batch.clear();
        origins.clear();
        for (const rd_kafka_message_t *m : messages) {
            if (m->err) {
                if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                    if (bounded && m->rkt) {
                        const int at = stateIndex.value({QString::fromUtf8(rd_kafka_topic_name(m->rkt)), m->partition}, -1);
                        if (at >= 0 && (states[at].end < 0 || m->offset >= states[at].end))
                            states[at].done = true;
                    }
                    continue;
                }
                status.warning = kafkaErrorText(m->err) + QStringLiteral(" (") + QString::fromUtf8(rd_kafka_message_errstr(m))
                               + QLatin1Char(')');
                continue;
            }
            TopicDecoder &td = decoders[m->rkt];
            if (!td.decoder) {
                td.name = QString::fromUtf8(rd_kafka_topic_name(m->rkt));
                td.decoder = std::make_unique<TelemetryDecoder>(config.decoder);
                td.choice = config.valueDecoders.value(td.name);
                for (qsizetype s = 0; s < states.size(); ++s) {
                    if (states[s].topic != td.name)
                        continue;
                    if (size_t(states[s].partition) >= td.states.size())
                        td.states.resize(size_t(states[s].partition) + 1, -1);
                    td.states[size_t(states[s].partition)] = int(s);
                }
            }
            if (bounded) {
                // A vector look-up, not a hash of the topic name: this runs for every message.
                const int at = m->partition >= 0 && size_t(m->partition) < td.states.size() ? td.states[size_t(m->partition)] : -1;
                if (at >= 0) {
                    PartitionState &s = states[at];
                    if (s.done || (s.end >= 0 && m->offset >= s.end))
                        continue;
                    if (s.end >= 0 && m->offset + 1 >= s.end)
                        s.done = true;
                }
            }
            ++status.messages;
            status.bytes += qint64(m->len);
            RawMessage raw;
            raw.value = std::string_view(static_cast<const char *>(m->payload), m->payload ? m->len : 0);
            raw.key = std::string_view(static_cast<const char *>(m->key), m->key ? m->key_len : 0);
            const char *topicName = rd_kafka_topic_name(m->rkt);
            raw.topic = topicName;
            rd_kafka_timestamp_type_t tsType;
            raw.kafkaTimestampMs = rd_kafka_message_timestamp(m, &tsType);
            if (raw.kafkaTimestampMs < 0)
                raw.kafkaTimestampMs = QDateTime::currentMSecsSinceEpoch();
            if (config.decoder.deviceSource == DeviceSource::Header) {
                rd_kafka_headers_t *headers = nullptr;
                const void *value = nullptr;
                size_t size = 0;
                if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR
                    && rd_kafka_header_get_last(headers, headerName.constData(), &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR
                    && value) {
                    raw.header = std::string_view(static_cast<const char *>(value), size);
                    raw.hasHeader = true;
                }
            }
            if (config.thingsBoardHeaders)
                collectHeaders(m, headerViews);
            if (payload.prepare(td.choice, headerViews, raw) == TelemetryPayload::Result::NotTelemetry)
                continue;
            batch.setSource(quint32(origins.size()));
            origins.push_back({td.name, m->partition, m->offset});
            td.decoder->decode(raw, batch);
        }
        if (!origins.empty())
            channel.apply(store, batch, origins);
        if (sincePublish.elapsed() >= kPublishEveryMs) {
            sincePublish.restart();
            status.formats = detectedFormats();
            channel.publish(status);
        }
        char fatal[256];
        if (rd_kafka_fatal_error(rk.get(), fatal, sizeof fatal) != RD_KAFKA_RESP_ERR_NO_ERROR)
            return fail(tr("The consumer failed: %1").arg(QString::fromUtf8(fatal)));
    }
    ahead.reset();
    queue.reset();
    if (named)
        rd_kafka_consumer_close(rk.get());
    status.formats = detectedFormats();
    if (bounded && allDone()) {
        status.state = IngestStatus::State::Finished;
        status.message = tr("Finished: %L1 messages replayed").arg(status.messages);
    } else {
        status.state = IngestStatus::State::Stopped;
        status.message = tr("Stopped after %L1 messages").arg(status.messages);
    }
    channel.publish(status);
}

} // namespace kafkascope
