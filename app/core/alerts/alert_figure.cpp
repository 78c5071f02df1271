#include "alerts/alert_figure.h"

#include "groups/group_lag.h"

#include <QLocale>
#include <QObject>
#include <cmath>

namespace kafkascope {

namespace {

QString number(double v)
{
    static const QLocale en(QLocale::English);
    if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15)
        return en.toString(qint64(std::llround(v)));
    return en.toString(v, 'g', 6);
}

} // namespace

QString alertFigure(const AlertRule &r, double value, const QString &note)
{
    switch (r.kind) {
    case RuleKind::GroupLagMessages:
        return QObject::tr("lag %1 messages (threshold %2)").arg(number(value), number(r.threshold));
    case RuleKind::GroupLagSeconds:
        return QObject::tr("%1 behind (threshold %2)").arg(formatDuration(value), formatDuration(r.threshold));
    case RuleKind::GroupStopped:
    case RuleKind::GroupLagGrowing:
        return note;
    case RuleKind::TopicThroughputZero:
        return QObject::tr("%1 messages/s").arg(number(value));
    case RuleKind::TopicThroughputChange:
        return QObject::tr("rate %1 %2 from its last hour (threshold %3 %)")
            .arg(QString(number(std::round(value)) + u'%'), note, number(r.threshold));
    case RuleKind::UnderReplicated:
        return QObject::tr("%1 under-replicated partition(s) (threshold %2)").arg(number(value), number(r.threshold));
    case RuleKind::OfflinePartitions:
        return QObject::tr("%1 offline partition(s) (threshold %2)").arg(number(value), number(r.threshold));
    case RuleKind::BrokerMissing:
        return value > 0 ? QObject::tr("missing from the metadata") : QObject::tr("back in the metadata");
    case RuleKind::ClusterUnreachable:
        return value > 0 ? QObject::tr("no broker answered for %1: %2").arg(formatDuration(value), note)
                         : QObject::tr("reachable again");
    case RuleKind::DeviceSilent:
        return QObject::tr("silent for %1 (stale after %2)").arg(formatDuration(value), note);
    case RuleKind::TelemetryThreshold:
        return QObject::tr("%1 = %2 (%3 %4)")
            .arg(r.key, number(value), r.below ? QStringLiteral("<") : QStringLiteral(">"), number(r.threshold));
    case RuleKind::DecodeErrorRate:
        return QObject::tr("%1 decode errors/s (threshold %2)").arg(number(value), number(r.threshold));
    }
    return {};
}

} // namespace kafkascope
