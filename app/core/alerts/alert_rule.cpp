#include "alerts/alert_rule.h"

#include <QObject>
#include <QRegularExpression>
#include <QUuid>
#include <cmath>

namespace kafkascope {

namespace {
QRegularExpression wildcardRegex(const QString &pattern)
{
    QString re;
    for (const QChar c : pattern) {
        if (c == u'*')
            re += QStringLiteral(".*");
        else if (c == u'?')
            re += u'.';
        else
            re += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}
} // namespace

bool AlertRule::operator==(const AlertRule &o) const
{
    return id == o.id && name == o.name && kind == o.kind && target == o.target && key == o.key
        && topic == o.topic
        && sameDouble(threshold, o.threshold) && sameDouble(clearThreshold, o.clearThreshold)
        && below == o.below && forSeconds == o.forSeconds && severity == o.severity
        && enabled == o.enabled;
}

double AlertRule::clearAt() const
{
    return std::isnan(clearThreshold) ? threshold : clearThreshold;
}

bool AlertRule::wildcard() const
{
    return target.isEmpty() || target.contains(u'*') || target.contains(u'?');
}

bool AlertRule::targets(const QString &subject) const
{
    if (target.isEmpty() || target == u"*")
        return true;
    if (!wildcard())
        return target == subject;
    // Wildcard rules are few; the engine caches which subjects they match.
    return wildcardRegex(target).match(subject).hasMatch();
}

QRegularExpression AlertRule::targetPattern(const QString &target)
{
    return wildcardRegex(target);
}

AlertRule AlertRule::withNewId()
{
    AlertRule r;
    r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return r;
}

const QList<RuleKindInfo> &ruleKinds()
{
    static const QList<RuleKindInfo> kinds{
        {RuleKind::GroupLagMessages, QStringLiteral("group-lag-messages"),
         QObject::tr("Group lag above N messages"), QStringLiteral("messages"),
         QStringLiteral("group"), QStringLiteral("groups"), true, 1000},
        {RuleKind::GroupLagSeconds, QStringLiteral("group-lag-seconds"),
         QObject::tr("Group more than M seconds behind"), QStringLiteral("s"),
         QStringLiteral("group"), QStringLiteral("groups"), true, 60},
        {RuleKind::GroupStopped, QStringLiteral("group-stopped"),
         QObject::tr("Group stopped or stalled"), QString(), QStringLiteral("group"),
         QStringLiteral("groups"), false, 0},
        {RuleKind::GroupLagGrowing, QStringLiteral("group-lag-growing"),
         QObject::tr("Group lag growing"), QString(), QStringLiteral("group"),
         QStringLiteral("groups"), false, 0},
        {RuleKind::TopicThroughputZero, QStringLiteral("topic-throughput-zero"),
         QObject::tr("Topic throughput falls to 0"), QStringLiteral("msg/s"),
         QStringLiteral("topic"), QStringLiteral("throughput"), false, 0},
        {RuleKind::TopicThroughputChange, QStringLiteral("topic-throughput-change"),
         QObject::tr("Topic throughput changes by X % against its last hour"),
         QStringLiteral("%"), QStringLiteral("topic"), QStringLiteral("throughput"), true, 50},
        {RuleKind::UnderReplicated, QStringLiteral("under-replicated"),
         QObject::tr("Under-replicated partitions above N"), QStringLiteral("partitions"),
         QStringLiteral("topic"), QStringLiteral("overview"), true, 0},
        {RuleKind::OfflinePartitions, QStringLiteral("offline-partitions"),
         QObject::tr("Offline partitions above N"), QStringLiteral("partitions"),
         QStringLiteral("topic"), QStringLiteral("overview"), true, 0},
        {RuleKind::BrokerMissing, QStringLiteral("broker-missing"),
         QObject::tr("A broker is missing from the metadata"), QString(),
         QStringLiteral("broker"), QStringLiteral("overview"), false, 0},
        {RuleKind::ClusterUnreachable, QStringLiteral("cluster-unreachable"),
         QObject::tr("Cluster unreachable"), QString(), QStringLiteral("cluster"),
         QStringLiteral("overview"), false, 0},
        {RuleKind::DeviceSilent, QStringLiteral("device-silent"),
         QObject::tr("Telemetry device silent beyond its stale time"), QString(),
         QStringLiteral("device"), QStringLiteral("telemetry"), false, 0},
        {RuleKind::TelemetryThreshold, QStringLiteral("telemetry-threshold"),
         QObject::tr("Telemetry key crosses a threshold"), QString(), QStringLiteral("device"),
         QStringLiteral("telemetry"), true, 0},
        {RuleKind::DecodeErrorRate, QStringLiteral("decode-error-rate"),
         QObject::tr("Decode errors above N per second"), QStringLiteral("errors/s"),
         QStringLiteral("topic"), QStringLiteral("telemetry"), true, 1},
    };
    return kinds;
}

const RuleKindInfo &ruleKindInfo(RuleKind kind)
{
    for (const RuleKindInfo &k : ruleKinds())
        if (k.kind == kind)
            return k;
    return ruleKinds().first();
}

QString severityName(AlertSeverity s)
{
    switch (s) {
    case AlertSeverity::Info:
        return QStringLiteral("info");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

AlertSeverity severityFromName(const QString &name, bool *ok)
{
    for (AlertSeverity s : {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Critical})
        if (severityName(s) == name) {
            if (ok)
                *ok = true;
            return s;
        }
    if (ok)
        *ok = false;
    return AlertSeverity::Warning;
}

QList<RuleField> validateRule(const AlertRule &rule)
{
    QList<RuleField> out;
    const RuleKindInfo &info = ruleKindInfo(rule.kind);
    if (rule.name.trimmed().isEmpty())
        out.append({QStringLiteral("name"), QObject::tr("Give the rule a name.")});
    if (!std::isfinite(rule.forSeconds) || rule.forSeconds < 0)
        out.append({QStringLiteral("forSeconds"), QObject::tr("The duration is 0 s or more.")});
    else if (rule.forSeconds > 7 * 86400)
        out.append({QStringLiteral("forSeconds"), QObject::tr("At most 7 days.")});
    if (info.hasThreshold) {
        if (!std::isfinite(rule.threshold))
            out.append({QStringLiteral("threshold"), QObject::tr("Enter a number.")});
        else if (rule.kind != RuleKind::TelemetryThreshold && rule.threshold < 0)
            out.append({QStringLiteral("threshold"), QObject::tr("The threshold cannot be negative.")});
        if (!std::isnan(rule.clearThreshold)) {
            const bool below = rule.kind == RuleKind::TelemetryThreshold && rule.below;
            // Hysteresis: the clear point lies on the quiet side of the firing point.
            if (!below && rule.clearThreshold > rule.threshold)
                out.append({QStringLiteral("clearThreshold"),
                            QObject::tr("Clears at or below the threshold (%1).").arg(rule.threshold)});
            if (below && rule.clearThreshold < rule.threshold)
                out.append({QStringLiteral("clearThreshold"),
                            QObject::tr("Clears at or above the threshold (%1).").arg(rule.threshold)});
        }
    }
    if (rule.kind == RuleKind::TelemetryThreshold && rule.key.trimmed().isEmpty())
        out.append({QStringLiteral("key"), QObject::tr("Name the telemetry key to watch.")});
    if (rule.wildcard() && !rule.target.isEmpty()) {
        if (!wildcardRegex(rule.target).isValid())
            out.append({QStringLiteral("target"), QObject::tr("Not a valid pattern.")});
    }
    return out;
}

QJsonObject AlertRule::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("kind"), ruleKindInfo(kind).id},
        {QStringLiteral("target"), target},
        {QStringLiteral("threshold"), threshold},
        {QStringLiteral("forSeconds"), forSeconds},
        {QStringLiteral("severity"), severityName(severity)},
        {QStringLiteral("enabled"), enabled},
    };
    if (!key.isEmpty())
        o.insert(QStringLiteral("key"), key);
    if (!topic.isEmpty())
        o.insert(QStringLiteral("topic"), topic);
    if (!std::isnan(clearThreshold))
        o.insert(QStringLiteral("clearThreshold"), clearThreshold);
    if (below)
        o.insert(QStringLiteral("below"), true);
    return o;
}

AlertRule AlertRule::fromJson(const QJsonObject &o, QString *error)
{
    AlertRule r;
    const QString kind = o.value(u"kind").toString();
    bool known = false;
    for (const RuleKindInfo &k : ruleKinds())
        if (k.id == kind) {
            r.kind = k.kind;
            known = true;
        }
    if (!known && error)
        *error = QObject::tr("unknown rule kind \"%1\"").arg(kind);
    r.id = o.value(u"id").toString();
    if (r.id.isEmpty())
        r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.name = o.value(u"name").toString();
    r.target = o.value(u"target").toString();
    r.key = o.value(u"key").toString();
    r.topic = o.value(u"topic").toString();
    r.threshold = o.value(u"threshold").toDouble(ruleKindInfo(r.kind).defaultThreshold);
    r.clearThreshold = o.contains(u"clearThreshold") ? o.value(u"clearThreshold").toDouble() : qQNaN();
    r.below = o.value(u"below").toBool();
    r.forSeconds = o.value(u"forSeconds").toDouble(60);
    bool ok = true;
    r.severity = severityFromName(o.value(u"severity").toString(), &ok);
    if (!ok && error && error->isEmpty())
        *error = QObject::tr("unknown severity \"%1\"").arg(o.value(u"severity").toString());
    r.enabled = o.value(u"enabled").toBool(true);
    return r;
}

QList<AlertRule> rulesFromJson(const QJsonArray &array, QStringList *errors)
{
    QList<AlertRule> out;
    for (const QJsonValue &v : array) {
        QString error;
        AlertRule r = AlertRule::fromJson(v.toObject(), &error);
        if (error.isEmpty()) {
            const QList<RuleField> problems = validateRule(r);
            if (!problems.isEmpty())
                error = problems.first().message;
        }
        if (!error.isEmpty()) {
            if (errors)
                errors->append(QObject::tr("Rule \"%1\": %2").arg(r.name, error));
            continue;
        }
        out.append(r);
    }
    return out;
}

} // namespace kafkascope
