#pragma once
// Turns successive high-watermark observations of partitions into messages/s. Pure logic, no
// Kafka: the offset poller feeds it, unit tests drive it with crafted sequences. A watermark
// that goes backwards means the topic was deleted and recreated (or truncated): the series
// restarts instead of producing a negative rate. Missed polls simply widen the interval.

#include <QHash>
#include <QString>

namespace kafkascope {

struct RateSample
{
    enum class Kind {
        Rate,    // `rate` holds messages/s since the previous observation
        First,   // first observation of this partition (or after a reset): no rate yet
        Reset,   // watermarks went backwards: topic recreated; the series restarts here
    };
    Kind kind = Kind::First;
    double rate = 0; // messages/s, only meaningful for Kind::Rate
};

class RateCalculator
{
public:
    // An observation at time t (seconds) of a partition's log start and end offsets.
    RateSample observe(const QString &topic, int partition, double t, qint64 low, qint64 high);
    // The topic vanished from the cluster: its next observations start fresh series.
    void forgetTopic(const QString &topic);
    void clear() { m_last.clear(); }
    int trackedPartitions() const { return int(m_last.size()); }

private:
    struct Last
    {
        double t;
        qint64 low;
        qint64 high;
    };
    QHash<QPair<QString, int>, Last> m_last;
};

} // namespace kafkascope
