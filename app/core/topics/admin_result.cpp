#include "topics/admin_result.h"

#include <QHash>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

QString AdminError::text() const
{
    if (!isError())
        return {};
    QString t = code;
    if (!message.isEmpty())
        t += QStringLiteral(": ") + message;
    if (!hint.isEmpty())
        t += QStringLiteral(" — Hint: ") + hint;
    return t;
}

AdminError AdminError::fromKafka(int err, const char *message)
{
    const auto e = static_cast<rd_kafka_resp_err_t>(err);
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
        return {};
    QString code = QString::fromUtf8(rd_kafka_err2name(e));
    if (code.startsWith(u'_')) // librdkafka's local errors: "_TIMED_OUT" -> "TIMED_OUT"
        code.remove(0, 1);
    QString text = QString::fromUtf8(message ? message : "");
    if (text.isEmpty())
        text = QString::fromUtf8(rd_kafka_err2str(e));
    return make(code, text);
}

AdminError AdminError::make(const QString &code, const QString &message, const QString &hint)
{
    return {code, message, hint.isEmpty() ? adminErrorHint(code) : hint};
}

QString adminErrorHint(const QString &code)
{
    static const QHash<QString, QString> hints{
        {QStringLiteral("ELECTION_NOT_NEEDED"),
         QStringLiteral("the preferred replica leads this partition already: nothing to change.")},
        {QStringLiteral("PREFERRED_LEADER_NOT_AVAILABLE"),
         QStringLiteral("the preferred replica is down or out of sync; elect again once it has caught up.")},
        {QStringLiteral("TOPIC_ALREADY_EXISTS"),
         QStringLiteral("a topic with this name exists already; choose another name or delete the old topic first.")},
        {QStringLiteral("INVALID_REPLICATION_FACTOR"),
         QStringLiteral("the replication factor cannot exceed the number of live brokers; lower it.")},
        {QStringLiteral("INVALID_PARTITIONS"),
         QStringLiteral("the partition count is not acceptable (at least 1, and only ever increased).")},
        {QStringLiteral("POLICY_VIOLATION"),
         QStringLiteral("a broker-side policy (create.topic.policy / alter.config.policy) refused it; "
                        "ask the cluster's administrators what it allows.")},
        {QStringLiteral("TOPIC_AUTHORIZATION_FAILED"),
         QStringLiteral("your principal lacks the ACL for this topic operation (Create/Delete/Alter/AlterConfigs).")},
        {QStringLiteral("CLUSTER_AUTHORIZATION_FAILED"),
         QStringLiteral("your principal lacks the cluster-level ACL for this operation.")},
        {QStringLiteral("TIMED_OUT"),
         QStringLiteral("no answer in time; the operation may still complete on the broker — refresh (F5) to check.")},
        {QStringLiteral("REQUEST_TIMED_OUT"),
         QStringLiteral("the broker timed out; the operation may still complete — refresh (F5) to check.")},
        {QStringLiteral("INVALID_CONFIG"),
         QStringLiteral("a configuration value was refused; the broker's message names it.")},
        {QStringLiteral("INVALID_TOPIC_EXCEPTION"),
         QStringLiteral("the topic name is not legal, or collides with an existing one.")},
        {QStringLiteral("UNKNOWN_TOPIC_OR_PART"),
         QStringLiteral("the topic (or partition) does not exist, or was just deleted; refresh (F5).")},
        {QStringLiteral("TOPIC_DELETION_DISABLED"),
         QStringLiteral("the brokers run with delete.topic.enable=false.")},
        {QStringLiteral("OFFSET_OUT_OF_RANGE"),
         QStringLiteral("the offset lies beyond the partition's end (high watermark).")},
        {QStringLiteral("NOT_CONTROLLER"),
         QStringLiteral("the controller moved during the request; try again.")},
        {QStringLiteral("UNSUPPORTED_VERSION"),
         QStringLiteral("this cluster does not implement the request.")},
        {QStringLiteral("UNSUPPORTED_FEATURE"),
         QStringLiteral("this cluster does not implement the request.")},
        {QStringLiteral("INVALID_REQUEST"),
         QStringLiteral("the broker refused the request as malformed for this topic.")},
        {QStringLiteral("NOT_CONNECTED"),
         QStringLiteral("connect to the cluster first.")},
    };
    return hints.value(code);
}

bool AdminResult::ok() const
{
    if (error.isError())
        return false;
    for (const AdminItemResult &item : items)
        if (!item.ok())
            return false;
    return true;
}

QString AdminResult::failureText() const
{
    QStringList lines;
    if (error.isError())
        lines << error.text();
    for (const AdminItemResult &item : items) {
        if (item.ok())
            continue;
        const QString what = item.partition >= 0 ? QStringLiteral("%1 [%2]").arg(item.topic).arg(item.partition)
                                                 : item.topic;
        lines << what + QStringLiteral(" — ") + item.error.text();
    }
    return lines.join(u'\n');
}

QString displayName(ConfigEntry::Source source)
{
    switch (source) {
    case ConfigEntry::Source::TopicOverride: return QStringLiteral("topic override");
    case ConfigEntry::Source::DynamicBroker: return QStringLiteral("broker (dynamic)");
    case ConfigEntry::Source::DynamicDefaultBroker: return QStringLiteral("cluster default (dynamic)");
    case ConfigEntry::Source::StaticBroker: return QStringLiteral("broker (server.properties)");
    case ConfigEntry::Source::Default: return QStringLiteral("default");
    case ConfigEntry::Source::Unknown: break;
    }
    return QStringLiteral("unknown");
}

const ConfigEntry *ResourceConfigs::entry(const QString &key) const
{
    for (const ConfigEntry &e : entries)
        if (e.name == key)
            return &e;
    return nullptr;
}

} // namespace kafkascope
