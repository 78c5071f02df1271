#pragma once
// Client-side checks for topic requests, so an invalid input is refused next to its field
// before anything is sent, plus parsing/formatting of durations and sizes in human units
// ("2h", "7d", "512 MiB") for the config editors. Pure functions, no Kafka calls.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace kafkascope {

struct FieldIssue
{
    QString field;   // "name", "partitions", "replicationFactor", "configs", or a config key
    QString message; // one sentence for the user
    bool warning = false; // warnings inform but do not block
};

namespace topic_validation {

constexpr int kMaxNameLength = 249;

// Empty when the name is legal for Kafka: [a-zA-Z0-9._-]{1,249}, not "." or "..".
QString nameError(const QString &name);
// Kafka maps '.' and '_' to the same metric name: an error when the name collides with an
// existing topic that way (the broker refuses it); empty otherwise.
QString nameCollision(const QString &name, const QStringList &existing);
QString partitionsError(int partitions);
QString replicationFactorError(int replicationFactor, int brokerCount);
// All of the above for one new topic, plus the config keys (non-empty, no duplicates).
QList<FieldIssue> validateNewTopic(const QString &name, int partitions, int replicationFactor,
                                   const QList<QPair<QString, QString>> &configs, int brokerCount,
                                   const QStringList &existingTopics);
bool hasErrors(const QList<FieldIssue> &issues);

// "7d", "2 h", "90s", "1500ms", "1w 2d", "30m", a bare number (milliseconds), or "-1" /
// "unlimited" (-1, Kafka's "forever"). nullopt when not understood.
std::optional<qint64> parseDurationMs(const QString &text);
// "512 MiB", "1 GiB", "10MB" (decimal), "1024" (bytes), "-1" / "unlimited" (-1).
std::optional<qint64> parseSizeBytes(const QString &text);
// The largest exact unit: 7200000 -> "2h", 90000 -> "90s", -1 -> "unlimited".
QString formatDurationMs(qint64 ms);
// 536870912 -> "512 MiB"; exact binary units, else bytes with a rounded hint.
QString formatSizeBytes(qint64 bytes);

} // namespace topic_validation
} // namespace kafkascope
