#include "messages/replay_job.h"

#include "kafka/kafka_config.h"
#include "messages/message_producer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <deque>
#include <map>
#include <optional>
#include <thread>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {

enum class State : quint8 { Pending, Acked, Failed, Skipped };

struct PartitionState;

struct Entry
{
    qint64 offset;
    State state;
    PartitionState *source; // the source partition's state, to count its acknowledgement
};

struct PartitionState
{
    ReplayPartitionReport report;
    std::deque<Entry> window; // sent, in offset order; the acknowledged prefix is popped
    QSet<qint64> skip;
    void advance()
    {
        while (!window.empty() && (window.front().state == State::Acked || window.front().state == State::Skipped)) {
            report.nextOffset = window.front().offset + 1;
            window.pop_front();
        }
    }
};

// One replay, as named steps: plan each partition's bookkeeping, open the source and the
// target, copy the range (paced, through an idempotent producer), wait for every delivery
// report, and write the report. Its address is the producer's opaque: it must not move.
class ReplayRun
{
public:
    ReplayRun(const ReplayRequest &request, const std::function<void(const ReplayProgress &)> &progress,
              const std::atomic_bool &cancel)
        : m_request(request), m_progress(progress), m_cancel(cancel)
    {
        m_clock.start();
    }
    ReplayRun(const ReplayRun &) = delete;
    ReplayRun &operator=(const ReplayRun &) = delete;

    ReplayReport exec()
    {
        plan();
        if (m_report.total == 0) {
            m_report.error = QObject::tr("Nothing to replay: the range holds no messages");
            return finish();
        }
        if (!openSource() || !openTarget() || !checkTarget())
            return finish();
        copy();
        drain();
        return finish();
    }

private:
    // Every partition's state exists before the first send: sent entries point into them.
    void plan()
    {
        for (const PartitionRange &r : m_request.ranges) {
            PartitionState ps;
            ps.report.partition = r.partition;
            ps.report.start = r.start;
            ps.report.end = r.end;
            ps.report.nextOffset = r.start;
            for (qint64 o : m_request.alreadyDelivered.value(r.partition))
                ps.skip.insert(o);
            m_report.total += r.count();
            if (!r.note.isEmpty())
                m_report.notes.append(QObject::tr("Partition %1: %2").arg(r.partition).arg(r.note));
            m_parts.emplace(r.partition, ps);
        }
    }

    bool openSource()
    {
        m_reader.emplace(m_request.source, true);
        if (!m_reader->error().isEmpty()) {
            m_report.error = QObject::tr("Source: %1").arg(m_reader->error());
            return false;
        }
        return true;
    }

    // Idempotent, so that retries never write a record twice; large batches and queues
    // because a replay is a bulk copy. Delivery reports come back to onDelivery.
    bool openTarget()
    {
        ConfPtr conf = makeKafkaConf(kafkaProperties(m_request.target),
                                     {{QStringLiteral("enable.idempotence"), QStringLiteral("true")},
                                      {QStringLiteral("linger.ms"), QStringLiteral("20")},
                                      {QStringLiteral("batch.num.messages"), QStringLiteral("10000")},
                                      {QStringLiteral("batch.size"), QStringLiteral("4000000")},
                                      {QStringLiteral("queue.buffering.max.messages"), QStringLiteral("500000")},
                                      {QStringLiteral("queue.buffering.max.kbytes"), QStringLiteral("1048576")},
                                      {QStringLiteral("message.timeout.ms"), QStringLiteral("30000")},
                                      {QStringLiteral("partitioner"), QStringLiteral("murmur2_random")}},
                                     &m_report.error);
        if (!conf)
            return false;
        rd_kafka_conf_set_dr_msg_cb(conf.get(), &ReplayRun::onDelivery);
        rd_kafka_conf_set_opaque(conf.get(), this);
        char errstr[512];
        m_producer.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
        if (!m_producer) {
            m_report.error = QObject::tr("Target: %1").arg(QString::fromUtf8(errstr));
            return false;
        }
        conf.release();
        return true;
    }

    // The target topic must exist, and hold every partition number that is to be kept.
    bool checkTarget()
    {
        QString error;
        const int targetPartitions = topicPartitionCount(m_producer.get(), m_request.targetTopic, &error, 10000);
        if (targetPartitions < 0) {
            m_report.error = QObject::tr("Target: %1").arg(error);
            return false;
        }
        if (m_request.keepPartition) {
            for (const PartitionRange &r : m_request.ranges) {
                if (r.count() > 0 && r.partition >= targetPartitions) {
                    m_report.error = QObject::tr("The target topic %1 has %2 partitions; source partition %3 "
                                                 "cannot keep its number (choose partition by key)")
                                         .arg(m_request.targetTopic).arg(targetPartitions).arg(r.partition);
                    return false;
                }
            }
        }
        return true;
    }

    // Reads the ranges and sends each record on, until the end, a cancel or a failure.
    void copy()
    {
        m_target = m_request.targetTopic.toUtf8();
        m_tick.start();
        m_startNs = m_clock.nsecsElapsed();
        QString error;
        const bool ok = m_reader->stream(
            m_request.sourceTopic, m_request.ranges, [this](const rd_kafka_message_t *m) { return copyOne(m); },
            &m_cancel, &error);
        if (!ok && m_report.error.isEmpty())
            m_report.error = QObject::tr("Reading the source failed: %1").arg(error);
        m_report.cancelled = m_cancel.load();
    }

    // One source record: skipped when an earlier run wrote it, else paced and produced.
    // False stops the reading.
    bool copyOne(const rd_kafka_message_t *m)
    {
        if (m->partition != m_lastPartition) {
            m_lastPartition = m->partition;
            m_last = &m_parts[m->partition];
        }
        PartitionState &ps = *m_last;
        ++m_report.read;
        ++ps.report.read;
        if (ps.skip.contains(m->offset)) {
            ps.window.push_back({m->offset, State::Skipped, &ps});
            ++m_report.skipped;
            ps.advance();
            return true;
        }
        rd_kafka_timestamp_type_t tsType;
        const qint64 ts = rd_kafka_message_timestamp(m, &tsType);
        if (!pace(ts))
            return false;
        if (!produce(ps, m, ts))
            return false;
        ++m_report.sent;
        if ((m_report.sent & 0x3ff) == 0) {
            // Every 1024 sends: serve delivery reports so the window shrinks as it goes.
            rd_kafka_poll(m_producer.get(), 0);
            ps.advance();
            progressAtMostEvery100ms();
        }
        // Stop reading at the first failed delivery: nothing is lost silently.
        return !m_failedOnce;
    }

    // Holds the record back as the request's pace says; false on cancel.
    bool pace(qint64 ts)
    {
        if (m_request.pace == ReplayRequest::OriginalTiming && ts >= 0 && m_request.speedFactor > 0) {
            if (m_firstTs < 0)
                m_firstTs = ts;
            return waitUntil(m_startNs + qint64(double(ts - m_firstTs) * 1e6 / m_request.speedFactor));
        }
        if (m_request.pace == ReplayRequest::RateLimit && m_request.ratePerSecond > 0)
            return waitUntil(m_startNs + qint64(double(m_report.sent) * 1e9 / m_request.ratePerSecond));
        return true;
    }

    // Waits (serving delivery reports) until `dueNs` on the replay clock; false on cancel.
    bool waitUntil(qint64 dueNs)
    {
        for (;;) {
            const qint64 left = (dueNs - m_clock.nsecsElapsed()) / 1000000;
            if (left <= 0)
                return true;
            if (m_cancel.load())
                return false;
            rd_kafka_poll(m_producer.get(), int(std::min<qint64>(left, 50)));
            progressAtMostEvery100ms();
        }
    }

    // Hands the record to the producer (waiting while its queue is full); a record it
    // refuses ends the replay with the reason.
    bool produce(PartitionState &ps, const rd_kafka_message_t *m, qint64 ts)
    {
        // The source message is ours and read only for this copy: its parsed headers
        // move to the new record instead of being copied.
        rd_kafka_headers_t *headers = nullptr;
        if (m_request.keepHeaders
            && rd_kafka_message_detach_headers(const_cast<rd_kafka_message_t *>(m), &headers) != RD_KAFKA_RESP_ERR_NO_ERROR)
            headers = nullptr;
        ps.window.push_back({m->offset, State::Pending, &ps});
        Entry *entry = &ps.window.back();
        rd_kafka_resp_err_t err;
        for (;;) {
            err = rd_kafka_producev(
                m_producer.get(), RD_KAFKA_V_TOPIC(m_target.constData()),
                RD_KAFKA_V_PARTITION(m_request.keepPartition ? m->partition : RD_KAFKA_PARTITION_UA),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(m->key, m->key_len),
                RD_KAFKA_V_VALUE(m->payload, m->len), RD_KAFKA_V_HEADERS(headers),
                RD_KAFKA_V_TIMESTAMP(m_request.keepTimestamps && ts > 0 ? ts : 0),
                RD_KAFKA_V_OPAQUE(entry), RD_KAFKA_V_END);
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                break;
            rd_kafka_poll(m_producer.get(), 20);
        }
        if (!err)
            return true;
        if (headers)
            rd_kafka_headers_destroy(headers);
        entry->state = State::Failed;
        ++m_report.failed;
        ++ps.report.failed;
        m_report.error = QObject::tr("Partition %1 offset %2 (%3 bytes) was not sent: %4")
                             .arg(m->partition).arg(m->offset).arg(m->len + m->key_len).arg(kafkaErrorText(err));
        return false;
    }

    // Every message handed over gets its delivery report: acknowledged or failed, never unknown.
    void drain()
    {
        while (rd_kafka_outq_len(m_producer.get()) > 0) {
            rd_kafka_flush(m_producer.get(), 100);
            emitProgress();
        }
        rd_kafka_poll(m_producer.get(), 0);
        // Per-partition failure counts from the final window states.
        for (auto &[partition, ps] : m_parts) {
            qint64 failed = 0;
            for (const Entry &e : ps.window)
                failed += e.state == State::Failed;
            ps.report.failed = failed;
        }
        emitProgress();
    }

    // The report per partition: where to resume, and what was written or failed beyond it.
    ReplayReport finish()
    {
        for (const PartitionRange &r : m_request.ranges) {
            PartitionState &ps = m_parts[r.partition];
            ps.advance();
            // What is left: the first not-written offset, then the ones written beyond it.
            for (const Entry &e : ps.window) {
                if (e.state == State::Acked || e.state == State::Skipped)
                    ps.report.deliveredBeyond.append(e.offset);
                else if (e.state == State::Failed)
                    ps.report.failedOffsets.append(e.offset);
            }
            for (qint64 o : std::as_const(ps.skip))
                if (o > ps.report.nextOffset && !ps.report.deliveredBeyond.contains(o))
                    ps.report.deliveredBeyond.append(o);
            std::sort(ps.report.deliveredBeyond.begin(), ps.report.deliveredBeyond.end());
            m_report.partitions.append(ps.report);
        }
        m_report.elapsedMs = m_clock.elapsed();
        return m_report;
    }

    void emitProgress()
    {
        if (!m_progress)
            return;
        ReplayProgress p{m_report.total, m_report.read, m_report.sent, m_report.acked, m_report.failed, 0, -1};
        const double secs = double(m_clock.elapsed()) / 1000.0;
        p.ratePerSecond = secs > 0 ? double(m_report.acked + m_report.skipped) / secs : 0;
        if (p.ratePerSecond > 0)
            p.etaSeconds = double(m_report.total - m_report.acked - m_report.skipped) / p.ratePerSecond;
        m_progress(p);
    }

    // Progress is for a person: ten times a second is plenty.
    void progressAtMostEvery100ms()
    {
        if (m_tick.elapsed() > 100) {
            emitProgress();
            m_tick.restart();
        }
    }

    static void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
    {
        auto *self = static_cast<ReplayRun *>(opaque);
        auto *entry = static_cast<Entry *>(m->_private);
        if (m->err) {
            entry->state = State::Failed;
            ++self->m_report.failed;
            if (!self->m_failedOnce) {
                self->m_failedOnce = true;
                self->m_report.error = QObject::tr("Writing to partition %1 failed: %2")
                                         .arg(m->partition).arg(kafkaErrorText(m->err));
                if (m->err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
                    self->m_report.error += QObject::tr(" (the record is larger than the target topic's max.message.bytes)");
            }
        } else {
            entry->state = State::Acked;
            ++self->m_report.acked;
            ++entry->source->report.acked;
        }
    }

    const ReplayRequest &m_request;
    const std::function<void(const ReplayProgress &)> &m_progress;
    const std::atomic_bool &m_cancel;
    ReplayReport m_report;
    std::map<int, PartitionState> m_parts; // all inserted before the first send: entries point into it
    bool m_failedOnce = false;
    QElapsedTimer m_clock; // the replay's clock: elapsed time, rate and pacing
    QElapsedTimer m_tick;  // since the last progress report
    qint64 m_startNs = 0;  // when copying began, on m_clock
    qint64 m_firstTs = -1; // the first paced record's timestamp (original timing)
    QByteArray m_target;
    PartitionState *m_last = nullptr; // the partition of the previous record (they come in runs)
    int m_lastPartition = -1;
    std::optional<MessageReader> m_reader;
    KafkaPtr m_producer; // goes first, before the reader and the states its reports point into
};

} // namespace

bool ReplayReport::complete() const
{
    if (!error.isEmpty() || cancelled)
        return false;
    for (const ReplayPartitionReport &p : partitions)
        if (!p.complete())
            return false;
    return true;
}

QString ReplayReport::summary() const
{
    QString s = QObject::tr("Read %1, sent %2, acknowledged %3, failed %4").arg(read).arg(sent).arg(acked).arg(failed);
    if (skipped)
        s += QObject::tr(", skipped %1 already written").arg(skipped);
    s += QObject::tr(" of %1 in %2 s.").arg(total).arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
    if (cancelled)
        s += QObject::tr(" Cancelled.");
    if (!error.isEmpty())
        s += u' ' + error;
    return s;
}

ReplayRequest ReplayReport::resume(const ReplayRequest &previous) const
{
    ReplayRequest next = previous;
    next.ranges.clear();
    next.alreadyDelivered.clear();
    for (const ReplayPartitionReport &p : partitions) {
        next.ranges.append({p.partition, p.nextOffset, p.end, {}});
        if (!p.deliveredBeyond.isEmpty())
            next.alreadyDelivered.insert(p.partition, p.deliveredBeyond);
    }
    return next;
}

RangeLookup resolveReplayRanges(MessageReader &reader, const QString &topic, const QList<int> &partitions,
                                const ReplayBound &from, const ReplayBound &to, int timeoutMs)
{
    RangeLookup result;
    StartPosition start;
    start.kind = from.kind == ReplayBound::Time ? StartPosition::Timestamp : StartPosition::Beginning;
    start.value = from.value;
    result = reader.resolve(topic, partitions, start, timeoutMs);
    if (!result.ok())
        return result;
    RangeLookup endByTime;
    if (to.kind == ReplayBound::Time) {
        // The first offset stamped after the range's end is where the range stops.
        QList<TopicPartition> tps;
        for (int p : partitions)
            tps.append({topic, p});
        const OffsetLookup after = reader.offsetsAt(tps, to.value + 1, timeoutMs);
        if (!after.ok) {
            result.error = after.error;
            return result;
        }
        for (int i = 0; i < result.ranges.size(); ++i)
            if (after.partitions[i].low >= 0)
                result.ranges[i].end = std::min(result.ranges[i].end, after.partitions[i].low);
    }
    for (PartitionRange &r : result.ranges) {
        const qint64 high = r.end;
        if (from.kind == ReplayBound::Offset) {
            if (from.value >= high && high > r.start) {
                result.error = QObject::tr("Partition %1: start offset %2 is past the end (the next offset is %3)")
                                   .arg(r.partition).arg(from.value).arg(high);
                return result;
            }
            if (from.value < r.start)
                r.note = QObject::tr("offsets before %1 are no longer held; starting there").arg(r.start);
            else
                r.start = from.value;
        }
        if (to.kind == ReplayBound::Offset) {
            if (to.value < r.start) {
                result.error = QObject::tr("Partition %1: the end offset %2 is before the start offset %3")
                                   .arg(r.partition).arg(to.value).arg(r.start);
                return result;
            }
            if (to.value + 1 > high)
                r.note = QObject::tr("end offset %1 is past the end; stopping at %2").arg(to.value).arg(high - 1);
            else
                r.end = to.value + 1;
        }
        if (r.end <= r.start && r.note.isEmpty())
            r.note = QObject::tr("nothing in range");
        r.end = std::max(r.end, r.start);
    }
    return result;
}

ReplayReport runReplay(const ReplayRequest &request, const std::function<void(const ReplayProgress &)> &progress,
                       const std::atomic_bool &cancel)
{
    return ReplayRun(request, progress, cancel).exec();
}

ReplayReport resolveAndReplay(ReplayRequest request, const QList<int> &partitions, const ReplayBound &from,
                              const ReplayBound &to, bool resolve,
                              const std::function<void(const ReplayRequest &)> &resolved,
                              const std::function<void(const ReplayProgress &)> &progress,
                              const std::atomic_bool &cancel)
{
    if (resolve) {
        MessageReader reader(request.source);
        QList<int> parts = partitions;
        QString error = reader.error();
        if (error.isEmpty() && parts.isEmpty())
            parts = reader.partitionsOf(request.sourceTopic, &error);
        const RangeLookup lookup = error.isEmpty() ? resolveReplayRanges(reader, request.sourceTopic, parts, from, to)
                                                   : RangeLookup{{}, error};
        if (!lookup.ok()) {
            ReplayReport failed;
            failed.error = lookup.error;
            return failed;
        }
        request.ranges = lookup.ranges;
    }
    resolved(request);
    if (cancel.load()) {
        ReplayReport stopped;
        stopped.cancelled = true;
        return stopped;
    }
    return runReplay(request, progress, cancel);
}

} // namespace kafkascope
