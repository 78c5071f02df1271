#pragma once
// Value types for the answers of Kafka admin requests (create/delete topics, partitions,
// configs, delete records). They cross threads by value and keep the broker's error code
// and message verbatim, plus a short hint saying what to do about it.


#include <QList>
#include <QMetaType>
#include <QString>

namespace kafkascope {

struct AdminError
{
    QString code;    // "TOPIC_ALREADY_EXISTS"; empty when there is no error
    QString message; // the broker's (or librdkafka's) own words, verbatim
    QString hint;    // what the user can do about it; may be empty

    bool isError() const { return !code.isEmpty(); }
    // "TOPIC_ALREADY_EXISTS: Topic 'x' already exists. — Hint: pick another name …"
    QString text() const;

    static AdminError fromKafka(int err, const char *message = nullptr); // err: rd_kafka_resp_err_t
    static AdminError make(const QString &code, const QString &message, const QString &hint = {});
};

// A short, actionable hint for the error codes users meet with admin requests.
QString adminErrorHint(const QString &code);

// The outcome for one topic (partition >= 0: for one partition of it).
struct AdminItemResult
{
    QString topic;
    int partition = -1;
    qint64 offset = -1; // DeleteRecords: the partition's low watermark afterwards
    AdminError error;
    bool ok() const { return !error.isError(); }
};

struct AdminResult
{
    AdminError error; // the request as a whole failed (timeout, not connected, unsupported)
    QList<AdminItemResult> items;
    bool ok() const;
    // Every failure, one per line (request-level first); empty when ok().
    QString failureText() const;
};

// One configuration entry as DescribeConfigs reports it.
struct ConfigEntry
{
    enum class Source { Unknown, TopicOverride, DynamicBroker, DynamicDefaultBroker, StaticBroker, Default };
    QString name;
    QString value;
    bool hasValue = false; // false: unset, or hidden because sensitive
    Source source = Source::Unknown;
    bool readOnly = false;
    bool sensitive = false;
    bool isDefault = false;
    bool operator==(const ConfigEntry &) const = default;
};
QString displayName(ConfigEntry::Source source); // "topic override", "default", ...

struct ResourceConfigs
{
    QString name; // topic name or broker id
    AdminError error;
    QList<ConfigEntry> entries; // sorted by name
    const ConfigEntry *entry(const QString &name) const;
};

struct ConfigsResult
{
    AdminError error; // request-level failure
    QList<ResourceConfigs> resources;
    bool ok() const { return !error.isError(); }
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::AdminResult)
Q_DECLARE_METATYPE(kafkascope::ConfigsResult)
