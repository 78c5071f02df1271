#pragma once
// One alert rule as the user writes it (what to watch, the threshold, how long it must hold,
// when it clears, how severe), with its validation and its JSON form for persistence and
// export. A value type: it crosses threads and files by copy.

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QRegularExpression>
#include <QString>
#include <QtNumeric>

namespace kafkascope {

enum class AlertSeverity { Info, Warning, Critical };

enum class RuleKind {
    GroupLagMessages,    // total lag of a group above N messages
    GroupLagSeconds,     // the group is more than M seconds behind
    GroupStopped,        // health verdict stopped or stalled (or error)
    GroupLagGrowing,     // health verdict "lagging" (the trend grows) for T minutes
    TopicThroughputZero, // a topic's produce rate falls to 0 messages/s
    TopicThroughputChange, // a topic's rate differs by more than X % from its last hour
    UnderReplicated,     // partitions with fewer in-sync replicas than replicas above N
    OfflinePartitions,   // partitions without a leader above N
    BrokerMissing,       // a broker seen earlier is missing from the metadata
    ClusterUnreachable,  // no broker answers (for at least S seconds)
    DeviceSilent,        // a telemetry device sent nothing for longer than its stale time
    TelemetryThreshold,  // a telemetry key crosses a threshold
    DecodeErrorRate,     // telemetry decode errors per second above N
};

struct RuleField
{
    QString field;   // "name", "target", "threshold", "clearThreshold", "forSeconds", "key"
    QString message; // what is wrong, for the label beside the field
};

struct AlertRule
{
    QString id; // stable across edits, exports and imports
    QString name;
    RuleKind kind = RuleKind::GroupLagMessages;
    // What it applies to: a group id, topic, or device; "*" wildcards allowed; empty: all.
    QString target;
    QString key; // telemetry key (TelemetryThreshold)
    // Device rules: the telemetry topic the device publishes to; the watcher consumes it
    // for the rule. Empty: a device of any watched telemetry topic.
    QString topic;
    double threshold = 0;
    // Resolves when the figure is back at or past this (hysteresis). NaN: the threshold itself.
    double clearThreshold = qQNaN();
    bool below = false; // TelemetryThreshold: fire when the value is below, not above
    double forSeconds = 60; // the condition must hold this long before it fires
    AlertSeverity severity = AlertSeverity::Warning;
    bool enabled = true;

    bool operator==(const AlertRule &o) const;
    // The effective clear threshold (the threshold when none is set).
    double clearAt() const;
    bool targets(const QString &subject) const; // does `target` match this name
    bool wildcard() const;
    // "*" and "?" as in a shell, nothing else special (group ids may contain "/").
    static QRegularExpression targetPattern(const QString &target);

    QJsonObject toJson() const;
    static AlertRule fromJson(const QJsonObject &o, QString *error = nullptr);
    static AlertRule withNewId();
};

// Per-kind facts the dialog and the engine share.
struct RuleKindInfo
{
    RuleKind kind;
    QString id;          // persisted name, "group-lag-messages"
    QString title;       // "Group lag above N messages"
    QString unit;        // "messages", "s", "%", "partitions", "errors/s", ""
    QString subjectKind; // "group", "topic", "device", "cluster"
    QString panel;       // panel kind that shows the figure ("groups", "throughput", ...)
    bool hasThreshold;   // false: a yes/no condition (stopped, missing, unreachable, silent)
    double defaultThreshold;
};
const QList<RuleKindInfo> &ruleKinds();
const RuleKindInfo &ruleKindInfo(RuleKind kind);

QString severityName(AlertSeverity s);
AlertSeverity severityFromName(const QString &name, bool *ok = nullptr);

// Everything wrong with a rule, one message per field; empty when it can be saved.
QList<RuleField> validateRule(const AlertRule &rule);

// JSON documents of rules (and optionally a log) for export/import.
QList<AlertRule> rulesFromJson(const QJsonArray &array, QStringList *errors);

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::AlertRule)
