#include "messages/replay_job.h"

#include "kafka/kafka_config.h"
#include "messages/message_producer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <deque>
#include <map>
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

struct Runner
{
    ReplayReport report;
    std::map<int, PartitionState> parts; // all inserted before the first send: entries point into it
    bool failedOnce = false;

    static void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
    {
        auto *self = static_cast<Runner *>(opaque);
        auto *entry = static_cast<Entry *>(m->_private);
        if (m->err) {
            entry->state = State::Failed;
            ++self->report.failed;
            if (!self->failedOnce) {
                self->failedOnce = true;
                self->report.error = QObject::tr("Writing to partition %1 failed: %2")
                                         .arg(m->partition).arg(kafkaErrorText(m->err));
                if (m->err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
                    self->report.error += QObject::tr(" (the record is larger than the target topic's max.message.bytes)");
            }
        } else {
            entry->state = State::Acked;
            ++self->report.acked;
            ++entry->source->report.acked;
        }
    }
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
    Runner run;
    ReplayReport &report = run.report;
    QElapsedTimer clock;
    clock.start();
    for (const PartitionRange &r : request.ranges) {
        PartitionState ps;
        ps.report.partition = r.partition;
        ps.report.start = r.start;
        ps.report.end = r.end;
        ps.report.nextOffset = r.start;
        for (qint64 o : request.alreadyDelivered.value(r.partition))
            ps.skip.insert(o);
        report.total += r.count();
        if (!r.note.isEmpty())
            report.notes.append(QObject::tr("Partition %1: %2").arg(r.partition).arg(r.note));
        run.parts.emplace(r.partition, ps);
    }
    auto finish = [&] {
        for (const PartitionRange &r : request.ranges) {
            PartitionState &ps = run.parts[r.partition];
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
            report.partitions.append(ps.report);
        }
        report.elapsedMs = clock.elapsed();
        return report;
    };
    if (report.total == 0) {
        report.error = QObject::tr("Nothing to replay: the range holds no messages");
        return finish();
    }

    MessageReader reader(request.source, true);
    if (!reader.error().isEmpty()) {
        report.error = QObject::tr("Source: %1").arg(reader.error());
        return finish();
    }
    ConfPtr conf = makeKafkaConf(kafkaProperties(request.target),
                                 {{QStringLiteral("enable.idempotence"), QStringLiteral("true")},
                                  {QStringLiteral("linger.ms"), QStringLiteral("20")},
                                  {QStringLiteral("batch.num.messages"), QStringLiteral("10000")},
                                  {QStringLiteral("batch.size"), QStringLiteral("4000000")},
                                  {QStringLiteral("queue.buffering.max.messages"), QStringLiteral("500000")},
                                  {QStringLiteral("queue.buffering.max.kbytes"), QStringLiteral("1048576")},
                                  {QStringLiteral("message.timeout.ms"), QStringLiteral("30000")},
                                  {QStringLiteral("partitioner"), QStringLiteral("murmur2_random")}},
                                 &report.error);
    if (!conf)
        return finish();
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &Runner::onDelivery);
    rd_kafka_conf_set_opaque(conf.get(), &run);
    char errstr[512];
    KafkaPtr producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
    if (!producer) {
        report.error = QObject::tr("Target: %1").arg(QString::fromUtf8(errstr));
        return finish();
    }
    conf.release();
    QString error;
    const int targetPartitions = topicPartitionCount(producer.get(), request.targetTopic, &error, 10000);
    if (targetPartitions < 0) {
        report.error = QObject::tr("Target: %1").arg(error);
        return finish();
    }
    if (request.keepPartition) {
        for (const PartitionRange &r : request.ranges) {
            if (r.count() > 0 && r.partition >= targetPartitions) {
                report.error = QObject::tr("The target topic %1 has %2 partitions; source partition %3 "
                                           "cannot keep its number (choose partition by key)")
                                   .arg(request.targetTopic).arg(targetPartitions).arg(r.partition);
                return finish();
            }
        }
    }

    const QByteArray target = request.targetTopic.toUtf8();
    QElapsedTimer tick;
    tick.start();
    qint64 firstTs = -1;
    const qint64 startNs = clock.nsecsElapsed();
    auto emitProgress = [&] {
        if (!progress)
            return;
        ReplayProgress p{report.total, report.read, report.sent, report.acked, report.failed, 0, -1};
        const double secs = double(clock.elapsed()) / 1000.0;
        p.ratePerSecond = secs > 0 ? double(report.acked + report.skipped) / secs : 0;
        if (p.ratePerSecond > 0)
            p.etaSeconds = double(report.total - report.acked - report.skipped) / p.ratePerSecond;
        progress(p);
    };
    // Waits (serving delivery reports) until `dueNs` on the replay clock; false on cancel.
    auto waitUntil = [&](qint64 dueNs) {
        for (;;) {
            const qint64 left = (dueNs - clock.nsecsElapsed()) / 1000000;
            if (left <= 0)
                return true;
            if (cancel.load())
                return false;
            rd_kafka_poll(producer.get(), int(std::min<qint64>(left, 50)));
            if (tick.elapsed() > 100) {
                emitProgress();
                tick.restart();
            }
        }
    };

    const bool ok = reader.stream(
        request.sourceTopic, request.ranges,
        [&, last = (PartitionState *)nullptr, lastPartition = -1](const rd_kafka_message_t *m) mutable -> bool {
            if (m->partition != lastPartition) {
                lastPartition = m->partition;
                last = &run.parts[m->partition];
            }
            PartitionState &ps = *last;
            ++report.read;
            ++ps.report.read;
            if (ps.skip.contains(m->offset)) {
                ps.window.push_back({m->offset, State::Skipped, &ps});
                ++report.skipped;
                ps.advance();
                return true;
            }
            rd_kafka_timestamp_type_t tsType;
            const qint64 ts = rd_kafka_message_timestamp(m, &tsType);
            if (request.pace == ReplayRequest::OriginalTiming && ts >= 0 && request.speedFactor > 0) {
                if (firstTs < 0)
                    firstTs = ts;
                if (!waitUntil(startNs + qint64(double(ts - firstTs) * 1e6 / request.speedFactor)))
                    return false;
            } else if (request.pace == ReplayRequest::RateLimit && request.ratePerSecond > 0) {
                if (!waitUntil(startNs + qint64(double(report.sent) * 1e9 / request.ratePerSecond)))
                    return false;
            }
            // The source message is ours and read only for this copy: its parsed headers
            // move to the new record instead of being copied.
            rd_kafka_headers_t *headers = nullptr;
            if (request.keepHeaders
                && rd_kafka_message_detach_headers(const_cast<rd_kafka_message_t *>(m), &headers) != RD_KAFKA_RESP_ERR_NO_ERROR)
                headers = nullptr;
            ps.window.push_back({m->offset, State::Pending, &ps});
            Entry *entry = &ps.window.back();
            rd_kafka_resp_err_t err;
            for (;;) {
                err = rd_kafka_producev(
                    producer.get(), RD_KAFKA_V_TOPIC(target.constData()),
                    RD_KAFKA_V_PARTITION(request.keepPartition ? m->partition : RD_KAFKA_PARTITION_UA),
                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(m->key, m->key_len),
                    RD_KAFKA_V_VALUE(m->payload, m->len), RD_KAFKA_V_HEADERS(headers),
                    RD_KAFKA_V_TIMESTAMP(request.keepTimestamps && ts > 0 ? ts : 0),
                    RD_KAFKA_V_OPAQUE(entry), RD_KAFKA_V_END);
                if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                    break;
                rd_kafka_poll(producer.get(), 20);
            }
            if (err) {
                if (headers)
                    rd_kafka_headers_destroy(headers);
                entry->state = State::Failed;
                ++report.failed;
                ++ps.report.failed;
                report.error = QObject::tr("Partition %1 offset %2 (%3 bytes) was not sent: %4")
                                   .arg(m->partition).arg(m->offset).arg(m->len + m->key_len).arg(kafkaErrorText(err));
                return false;
            }
            ++report.sent;
            if ((report.sent & 0x3ff) == 0) {
                rd_kafka_poll(producer.get(), 0);
                ps.advance();
                if (tick.elapsed() > 100) {
                    emitProgress();
                    tick.restart();
                }
            }
            // Stop reading at the first failed delivery: nothing is lost silently.
            return !run.failedOnce;
        },
        &cancel, &error);
    if (!ok && report.error.isEmpty())
        report.error = QObject::tr("Reading the source failed: %1").arg(error);
    report.cancelled = cancel.load();
    // Every message handed over gets its delivery report: acknowledged or failed, never unknown.
    while (rd_kafka_outq_len(producer.get()) > 0) {
        rd_kafka_flush(producer.get(), 100);
        emitProgress();
    }
    rd_kafka_poll(producer.get(), 0);
    // Per-partition failure counts from the final window states.
    for (auto &[partition, ps] : run.parts) {
        qint64 failed = 0;
        for (const Entry &e : ps.window)
            failed += e.state == State::Failed;
        ps.report.failed = failed;
    }
    emitProgress();
    return finish();
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
