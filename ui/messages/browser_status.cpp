#include "messages/browser_status.h"

#include "throughput/offset_history.h"

#include <QCoreApplication>
#include <QDateTime>

namespace kafkascope {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("BrowserPanel", text, nullptr, n);
}
} // namespace

QString describeRange(const QString &topic, qint64 total, const StartPosition &start, int partitions,
                      const OffsetsSnapshot &polled)
{
    QString from;
    switch (start.kind) {
    case StartPosition::Beginning:
        from = tr("from the beginning");
        break;
    case StartPosition::EndMinusN:
        from = tr("the last %L1 per partition").arg(start.value);
        break;
    case StartPosition::Offset:
        from = tr("from offset %L1").arg(start.value);
        break;
    case StartPosition::Timestamp:
        from = tr("from %1").arg(QDateTime::fromMSecsSinceEpoch(start.value).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        break;
    }
    qint64 held = 0;
    bool anyHeld = false;
    for (const PartitionOffsetState &p : polled.topic(topic)) {
        held += p.count();
        anyHeld = true;
    }
    const QString how = tr("%1, %n partition(s)", partitions).arg(from);
    if (total == 0)
        return anyHeld && held == 0 ? tr("%1: no messages in range (%2): the topic is empty").arg(topic, how)
                                    : tr("%1: no messages in range (%2)").arg(topic, how);
    QString text = tr("%1: %L2 message(s) in range (%3)").arg(topic).arg(total).arg(how);
    // The poller's figure is from its last round, which may be older than this look-up:
    // then it says when it was true rather than contradict the range.
    if (anyHeld && held >= total)
        text += tr("; the topic holds %L1").arg(held);
    else if (anyHeld)
        text += tr("; the topic held %L1 at %2").arg(held).arg(
            QDateTime::fromMSecsSinceEpoch(qint64(polled.t * 1000)).toString(QStringLiteral("HH:mm:ss")));
    return text;
}

QString describeScan(const ScanOutcome &o)
{
    QString text = tr("%1 match(es) in %2 scanned message(s)").arg(o.matches).arg(o.scanned);
    if (o.truncated)
        text += tr(" — stopped at %1 matches (the partitions are read in parallel: not the first %1 in offset order)").arg(o.matchCap);
    if (o.cancelled)
        text += tr(" — cancelled");
    if (!o.error.isEmpty())
        text += u" — " + o.error;
    if (!o.decodeNote.isEmpty())
        text += u" — " + o.decodeNote + tr(" (matched on their bytes)");
    return text;
}

} // namespace kafkascope
