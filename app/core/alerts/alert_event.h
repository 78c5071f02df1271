#pragma once
// What the alert engine reports: log entries (fired, resolved, acknowledged, muted) and the
// alerts active right now, each with the figure that fired it and the panel that shows it.

#include "alerts/alert_rule.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kafkascope {

struct AlertEvent
{
    enum class Type { Fired, Resolved, Acknowledged, Muted };
    Type type = Type::Fired;
    double at = 0; // seconds since the epoch
    QString ruleId;
    QString ruleName;
    RuleKind kind = RuleKind::GroupLagMessages;
    AlertSeverity severity = AlertSeverity::Warning;
    QString subject; // the group, topic, device or broker; empty for the cluster
    double value = 0;
    QString figure;  // "lag 12,345 messages > 1,000", in words
    QString panel;   // panel kind that shows the figure
    QString item;    // what to focus in it (group id, topic, device)
    bool muted = false; // fired while its rule was muted: logged, not notified

    QJsonObject toJson() const;
    static AlertEvent fromJson(const QJsonObject &o);
    static QString typeName(Type t);
};

struct ActiveAlert
{
    QString ruleId;
    QString ruleName;
    RuleKind kind = RuleKind::GroupLagMessages;
    AlertSeverity severity = AlertSeverity::Warning;
    QString subject;
    double since = 0;
    double value = 0;
    QString figure;
    QString panel;
    QString item;
    bool acknowledged = false;
    double mutedUntil = 0;
    bool mutedAt(double now) const { return mutedUntil > now; }
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::AlertEvent)
Q_DECLARE_METATYPE(kafkascope::ActiveAlert)
