#pragma once
// A cluster's alert configuration on disk: its rules, what it watches (groups, telemetry
// topics) and the alert log, as one JSON document per cluster. The same document is the
// export/import format, so a team can share a rule set.

#include "alerts/alert_event.h"
#include "alerts/alert_rule.h"

#include <QHash>
#include <QStringList>

namespace kafkascope {

struct Watches
{
    QStringList groups;          // followed even when the cluster cannot list them
    QStringList telemetryTopics; // consumed for device and key rules
    bool operator==(const Watches &) const = default;
};

struct AlertConfig
{
    QList<AlertRule> rules;
    Watches watches;
    QList<AlertEvent> log; // oldest first, at most kMaxLog
    static constexpr int kMaxLog = 2000;
    // Rules muted until a time (seconds since the epoch), by rule id: kept on disk so a mute
    // outlives a restart; not part of an export (written only with the log).
    QHash<QString, double> mutes;
    // The telemetry topics to consume: the watched ones and those device rules name.
    QStringList telemetryTopics() const;
};

class AlertStore
{
public:
    // Where a cluster's document lives: beside the settings file when one is given, else in
    // the application's config folder.
    static QString pathFor(const QString &settingsFile, const QString &clusterId);

    static QByteArray toJson(const AlertConfig &config, bool withLog = true);
    // Unknown or invalid rules are skipped and named in *errors; a document that is not ours
    // returns false with the reason in *errors.
    static bool fromJson(const QByteArray &json, AlertConfig *config, QStringList *errors);

    // Disk I/O: call off the UI thread (the watcher's thread does).
    static bool save(const QString &path, const AlertConfig &config, QString *error = nullptr);
    static bool load(const QString &path, AlertConfig *config, QStringList *errors);

    // What a new cluster starts with: "unreachable" for every cluster; the demo also watches
    // its groups and telemetry, with rules on its lagging group and silent devices.
    static AlertConfig defaults(bool demo);
};

} // namespace kafkascope
