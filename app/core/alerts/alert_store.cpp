#include "alerts/alert_store.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace kafkascope {

QStringList AlertConfig::telemetryTopics() const
{
    QStringList out = watches.telemetryTopics;
    for (const AlertRule &r : rules)
        if (r.enabled && !r.topic.isEmpty() && ruleKindInfo(r.kind).subjectKind == u"device"
            && !out.contains(r.topic))
            out << r.topic;
    return out;
}

namespace {
const QString kFormat = QStringLiteral("kafkascope-alerts");

QJsonArray strings(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        if (!s.toString().isEmpty())
            out << s.toString();
    return out;
}

AlertRule rule(const QString &id, const QString &name, RuleKind kind, const QString &target,
               double threshold, double forSeconds, AlertSeverity severity)
{
    AlertRule r;
    r.id = id;
    r.name = name;
    r.kind = kind;
    r.target = target;
    r.threshold = threshold;
    r.forSeconds = forSeconds;
    r.severity = severity;
    return r;
}
} // namespace

QString AlertStore::pathFor(const QString &settingsFile, const QString &clusterId)
{
    const QString dir = settingsFile.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        : QFileInfo(settingsFile).absolutePath();
    QString safe = clusterId;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    return dir + QStringLiteral("/alerts/") + safe + QStringLiteral(".json");
}

QByteArray AlertStore::toJson(const AlertConfig &config, bool withLog)
{
    QJsonArray rules;
    for (const AlertRule &r : config.rules)
        rules.append(r.toJson());
    QJsonObject doc{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("version"), 1},
        {QStringLiteral("rules"), rules},
        {QStringLiteral("watches"),
         QJsonObject{{QStringLiteral("groups"), strings(config.watches.groups)},
                     {QStringLiteral("telemetryTopics"), strings(config.watches.telemetryTopics)}}},
    };
    if (withLog) {
        QJsonArray log;
        for (const AlertEvent &e : config.log)
            log.append(e.toJson());
        doc.insert(QStringLiteral("log"), log);
        QJsonObject mutes;
        for (auto it = config.mutes.cbegin(); it != config.mutes.cend(); ++it)
            mutes.insert(it.key(), it.value());
        if (!mutes.isEmpty())
            doc.insert(QStringLiteral("mutes"), mutes);
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

bool AlertStore::fromJson(const QByteArray &json, AlertConfig *config, QStringList *errors)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull()) {
        errors->append(QObject::tr("Not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
        return false;
    }
    const QJsonObject o = doc.object();
    if (o.value(u"format").toString() != kFormat) {
        errors->append(QObject::tr("Not a Kafkascope alerts file (no \"format\": \"%1\").").arg(kFormat));
        return false;
    }
    if (o.value(u"version").toInt() > 1)
        errors->append(QObject::tr("Written by a newer Kafkascope (version %1); read what is understood.")
                           .arg(o.value(u"version").toInt()));
    config->rules = rulesFromJson(o.value(u"rules").toArray(), errors);
    const QJsonObject watches = o.value(u"watches").toObject();
    config->watches.groups = stringList(watches.value(u"groups"));
    config->watches.telemetryTopics = stringList(watches.value(u"telemetryTopics"));
    config->log.clear();
    for (const QJsonValue &v : o.value(u"log").toArray())
        config->log.append(AlertEvent::fromJson(v.toObject()));
    if (config->log.size() > AlertConfig::kMaxLog)
        config->log.remove(0, config->log.size() - AlertConfig::kMaxLog);
    config->mutes.clear();
    const QJsonObject mutes = o.value(u"mutes").toObject();
    for (auto it = mutes.begin(); it != mutes.end(); ++it)
        config->mutes.insert(it.key(), it.value().toDouble());
    return true;
}

bool AlertStore::save(const QString &path, const AlertConfig &config, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(toJson(config));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool AlertStore::load(const QString &path, AlertConfig *config, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(file.errorString());
        return false;
    }
    return fromJson(file.readAll(), config, errors);
}

AlertConfig AlertStore::defaults(bool demo)
{
    AlertConfig c;
    c.rules.append(rule(QStringLiteral("default-unreachable"), QObject::tr("Cluster unreachable"),
                        RuleKind::ClusterUnreachable, QString(), 0, 15, AlertSeverity::Critical));
    if (demo) {
        // The demo's rule-engine group falls behind by design; its sensors' stale time is 30 s.
        c.watches.groups = {QStringLiteral("tb-archiver"), QStringLiteral("tb-rule-engine")};
        c.watches.telemetryTopics = {QStringLiteral("tb.telemetry")};
        c.rules.append(rule(QStringLiteral("demo-lag"), QObject::tr("Rule engine falling behind"),
                            RuleKind::GroupLagMessages, QStringLiteral("tb-rule-engine"), 1000, 10,
                            AlertSeverity::Warning));
        c.rules.append(rule(QStringLiteral("demo-silent"), QObject::tr("Sensor silent"),
                            RuleKind::DeviceSilent, QStringLiteral("*"), 0, 0, AlertSeverity::Critical));
    }
    return c;
}

} // namespace kafkascope
