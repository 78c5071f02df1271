#include "topics/topic_validation.h"

#include <QRegularExpression>
#include <QSet>

namespace kafkascope::topic_validation {

QString nameError(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("Enter a topic name.");
    if (name == u"." || name == u"..")
        return QStringLiteral("\"%1\" is reserved and cannot be a topic name.").arg(name);
    if (name.size() > kMaxNameLength)
        return QStringLiteral("The name is %1 characters long; Kafka allows at most %2.").arg(name.size()).arg(kMaxNameLength);
    for (const QChar c : name) {
        const bool legal = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
                           || c == u'.' || c == u'_' || c == u'-';
        if (!legal) {
            const QString shown = c.isSpace() ? QStringLiteral("a space") : QStringLiteral("'%1'").arg(c);
            return QStringLiteral("The name contains %1; Kafka allows only letters a–z, A–Z, digits, '.', '_' and '-'.")
                .arg(shown);
        }
    }
    return {};
}

namespace {
QString metricName(QString name)
{
    return name.replace(u'.', u'_');
}
} // namespace

QString nameCollision(const QString &name, const QStringList &existing)
{
    if (!name.contains(u'.') && !name.contains(u'_'))
        return {};
    const QString mine = metricName(name);
    for (const QString &other : existing)
        if (other != name && metricName(other) == mine)
            // Short enough for the two lines the dialog keeps for it, so the form never moves.
            return QStringLiteral("This name collides with \"%1\": Kafka treats '.' and '_' alike in metric names.")
                .arg(other);
    return {};
}

QString partitionsError(int partitions)
{
    if (partitions < 1)
        return QStringLiteral("A topic needs at least one partition.");
    return {};
}

QString replicationFactorError(int rf, int brokerCount)
{
    if (rf < 1)
        return QStringLiteral("The replication factor must be at least 1.");
    if (brokerCount > 0 && rf > brokerCount)
        return QStringLiteral("Replication factor %1 needs %1 brokers; the cluster has %2.").arg(rf).arg(brokerCount);
    if (rf > 32767)
        return QStringLiteral("Kafka allows a replication factor of at most 32767.");
    return {};
}

QList<FieldIssue> validateNewTopic(const QString &name, int partitions, int rf,
                                   const QList<QPair<QString, QString>> &configs, int brokerCount,
                                   const QStringList &existingTopics)
{
    QList<FieldIssue> issues;
    if (QString e = nameError(name); !e.isEmpty())
        issues.append({QStringLiteral("name"), e});
    else if (existingTopics.contains(name))
        issues.append({QStringLiteral("name"), QStringLiteral("A topic named \"%1\" exists already.").arg(name)});
    else if (QString c = nameCollision(name, existingTopics); !c.isEmpty())
        issues.append({QStringLiteral("name"), c});
    if (QString e = partitionsError(partitions); !e.isEmpty())
        issues.append({QStringLiteral("partitions"), e});
    if (QString e = replicationFactorError(rf, brokerCount); !e.isEmpty())
        issues.append({QStringLiteral("replicationFactor"), e});
    QSet<QString> seen;
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    for (const auto &[key, value] : configs) {
        if (!keyPattern.match(key).hasMatch())
            issues.append({QStringLiteral("configs"), QStringLiteral("\"%1\" is not a config name (lower case, e.g. segment.ms).").arg(key)});
        else if (seen.contains(key))
            issues.append({QStringLiteral("configs"), QStringLiteral("%1 is set twice.").arg(key)});
        else if (value.trimmed().isEmpty())
            issues.append({QStringLiteral("configs"), QStringLiteral("%1 has no value.").arg(key)});
        seen.insert(key);
    }
    return issues;
}

bool hasErrors(const QList<FieldIssue> &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(), [](const FieldIssue &i) { return !i.warning; });
}

namespace {

bool isUnlimited(const QString &t)
{
    return t == u"-1" || t.compare(u"unlimited", Qt::CaseInsensitive) == 0
           || t.compare(u"infinite", Qt::CaseInsensitive) == 0 || t.compare(u"forever", Qt::CaseInsensitive) == 0;
}

// Sums "<number><unit>" terms using `unitOf`; nullopt on anything else or overflow.
template<typename UnitOf>
std::optional<qint64> parseTerms(const QString &text, UnitOf unitOf)
{
    static const QRegularExpression term(QStringLiteral("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)\\s*"));
    qsizetype pos = 0;
    double total = 0;
    int terms = 0;
    while (pos < text.size()) {
        const auto m = term.match(text, pos, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch() || m.capturedLength() == 0)
            return std::nullopt;
        const std::optional<double> unit = unitOf(m.captured(2));
        if (!unit)
            return std::nullopt;
        total += m.captured(1).toDouble() * *unit;
        pos = m.capturedEnd();
        ++terms;
    }
    if (terms == 0 || total > 9.2e18 || total != std::floor(total))
        return std::nullopt;
    return qint64(total);
}

} // namespace

std::optional<qint64> parseDurationMs(const QString &input)
{
    const QString text = input.trimmed();
    if (isUnlimited(text))
        return -1;
    return parseTerms(text, [](const QString &u) -> std::optional<double> {
        const QString unit = u.toLower();
        if (unit.isEmpty() || unit == u"ms")
            return 1.0;
        if (unit == u"s" || unit == u"sec" || unit == u"secs" || unit == u"second" || unit == u"seconds")
            return 1000.0;
        if (unit == u"m" || unit == u"min" || unit == u"mins" || unit == u"minute" || unit == u"minutes")
            return 60000.0;
        if (unit == u"h" || unit == u"hr" || unit == u"hrs" || unit == u"hour" || unit == u"hours")
            return 3600000.0;
        if (unit == u"d" || unit == u"day" || unit == u"days")
            return 86400000.0;
        if (unit == u"w" || unit == u"week" || unit == u"weeks")
            return 604800000.0;
        return std::nullopt;
    });
}

std::optional<qint64> parseSizeBytes(const QString &input)
{
    const QString text = input.trimmed();
    if (isUnlimited(text))
        return -1;
    return parseTerms(text, [](const QString &u) -> std::optional<double> {
        const QString unit = u.toLower();
        if (unit.isEmpty() || unit == u"b" || unit == u"byte" || unit == u"bytes")
            return 1.0;
        if (unit == u"kib" || unit == u"k" || unit == u"ki")
            return 1024.0;
        if (unit == u"mib" || unit == u"m" || unit == u"mi")
            return 1024.0 * 1024;
        if (unit == u"gib" || unit == u"g" || unit == u"gi")
            return 1024.0 * 1024 * 1024;
        if (unit == u"tib" || unit == u"t" || unit == u"ti")
            return 1024.0 * 1024 * 1024 * 1024;
        if (unit == u"kb")
            return 1e3;
        if (unit == u"mb")
            return 1e6;
        if (unit == u"gb")
            return 1e9;
        if (unit == u"tb")
            return 1e12;
        return std::nullopt;
    });
}

QString formatDurationMs(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("unlimited");
    struct Unit { qint64 ms; const char16_t *name; };
    static constexpr Unit units[] = {{604800000, u"w"}, {86400000, u"d"}, {3600000, u"h"},
                                     {60000, u"m"}, {1000, u"s"}};
    if (ms == 0)
        return QStringLiteral("0ms");
    for (const Unit &u : units)
        if (ms % u.ms == 0)
            return QString::number(ms / u.ms) + QString::fromUtf16(u.name);
    return QString::number(ms) + QStringLiteral("ms");
}

QString formatSizeBytes(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("unlimited");
    static const char16_t *names[] = {u"TiB", u"GiB", u"MiB", u"KiB"};
    static constexpr qint64 factors[] = {1LL << 40, 1LL << 30, 1LL << 20, 1LL << 10};
    for (int i = 0; i < 4; ++i)
        if (bytes >= factors[i] && bytes % factors[i] == 0)
            return QString::number(bytes / factors[i]) + u' ' + QString::fromUtf16(names[i]);
    for (int i = 0; i < 4; ++i)
        if (bytes >= factors[i])
            return QStringLiteral("%1 B (≈ %2 %3)").arg(bytes).arg(double(bytes) / double(factors[i]), 0, 'f', 1)
                .arg(QString::fromUtf16(names[i]));
    return QStringLiteral("%1 B").arg(bytes);
}

} // namespace kafkascope::topic_validation
