#include "kafka/timestamp_search.h"

#include "groups/group_lag.h"
#include "kafka/message_timestamp_reader.h"

#include <QDeadlineTimer>
#include <QObject>

namespace kafkascope {

OffsetLookup offsetsForTime(const ConnectionProfile &profile, rd_kafka_t *rk, const QList<TopicPartition> &partitions,
                            qint64 timestampMs, int timeoutMs)
{
    if (profile.demo)
        return searchOffsetsByTimestamp(profile, rk, partitions, timestampMs, timeoutMs);
    return offsetsForTimestamp(rk, partitions, timestampMs, timeoutMs);
}

OffsetLookup searchOffsetsByTimestamp(const ConnectionProfile &profile, rd_kafka_t *rk,
                                      const QList<TopicPartition> &partitions, qint64 timestampMs, int timeoutMs)
{
    OffsetLookup result = queryWatermarks(rk, partitions, timeoutMs);
    if (!result.ok)
        return result;
    // Per partition the answer lies in [low, high]; `high` means "no such message".
    QList<qint64> low, high;
    for (const PartitionOffsets &p : std::as_const(result.partitions)) {
        low.append(p.error.isEmpty() ? p.low : 0);
        high.append(p.error.isEmpty() ? p.high : 0);
    }
    MessageTimestampReader reader(profile);
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        QList<PartitionOffset> probes;
        QList<int> probed; // index into partitions of each probe
        for (int i = 0; i < partitions.size(); ++i) {
            if (low[i] < high[i]) {
                probes.append({partitions[i].topic, partitions[i].partition, low[i] + (high[i] - low[i]) / 2, {}});
                probed.append(i);
            }
        }
        if (probes.isEmpty())
            break;
        if (deadline.hasExpired()) {
            result.ok = false;
            result.error = QObject::tr("TIMED_OUT: searching the offsets by timestamp took over %1 ms").arg(timeoutMs);
            return result;
        }
        const auto answers = reader.read(probes, int(std::max<qint64>(1000, deadline.remainingTime())));
        for (int j = 0; j < probes.size(); ++j) {
            const int i = probed[j];
            const auto answer = answers.value(MessageTimestampReader::key(probes[j].topic, probes[j].partition));
            if (!answer.error.isEmpty()) {
                result.partitions[i].error = answer.error;
                low[i] = high[i]; // stop searching this one
            } else if (answer.timestampMs >= timestampMs) {
                high[i] = probes[j].offset;
            } else {
                low[i] = probes[j].offset + 1;
            }
        }
    }
    for (int i = 0; i < partitions.size(); ++i) {
        PartitionOffsets &p = result.partitions[i];
        if (p.error.isEmpty())
            p.low = low[i];
        else
            p.low = -1;
        p.high = -1;
    }
    return result;
}

} // namespace kafkascope
