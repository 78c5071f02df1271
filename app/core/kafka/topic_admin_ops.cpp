#include "kafka/topic_admin_ops.h"

#include <QHash>
#include <librdkafka/rdkafka.h>

namespace kafkascope::topic_admin_ops {

namespace {

struct Request
{
    QueuePtr queue;
    AdminOptionsPtr options;
    AdminError error;
};

Request prepare(rd_kafka_t *rk, rd_kafka_admin_op_t op, int timeoutMs, bool validateOnly = false,
                bool operationTimeout = true)
{
    Request r;
    r.queue.reset(rd_kafka_queue_new(rk));
    r.options.reset(rd_kafka_AdminOptions_new(rk, op));
    char errstr[512];
    if (rd_kafka_AdminOptions_set_request_timeout(r.options.get(), timeoutMs, errstr, sizeof errstr)
        || (operationTimeout
            && rd_kafka_AdminOptions_set_operation_timeout(r.options.get(), timeoutMs, errstr, sizeof errstr))
        || (validateOnly && rd_kafka_AdminOptions_set_validate_only(r.options.get(), 1, errstr, sizeof errstr)))
        r.error = AdminError::make(QStringLiteral("INVALID_ARG"), QString::fromUtf8(errstr));
    return r;
}

// Waits for the result event; a request-level error (timeout, unsupported) lands in *error.
EventPtr await(Request &r, const char *what, int timeoutMs, AdminError *error)
{
    EventPtr event(rd_kafka_queue_poll(r.queue.get(), timeoutMs + 5000));
    if (!event) {
        *error = AdminError::make(QStringLiteral("TIMED_OUT"),
                                  QStringLiteral("no answer to %1 within %2 s")
                                      .arg(QString::fromUtf8(what))
                                      .arg((timeoutMs + 5000) / 1000));
        return {};
    }
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get()))
        *error = AdminError::fromKafka(err, rd_kafka_event_error_string(event.get()));
    return event;
}

void collectTopicResults(const rd_kafka_topic_result_t **results, size_t n, AdminResult *out)
{
    for (size_t i = 0; i < n; ++i) {
        AdminItemResult item;
        item.topic = QString::fromUtf8(rd_kafka_topic_result_name(results[i]));
        item.error = AdminError::fromKafka(rd_kafka_topic_result_error(results[i]),
                                           rd_kafka_topic_result_error_string(results[i]));
        out->items.append(item);
    }
}

ConfigEntry::Source toSource(rd_kafka_ConfigSource_t s)
{
    switch (s) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG: return ConfigEntry::Source::TopicOverride;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG: return ConfigEntry::Source::DynamicBroker;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG: return ConfigEntry::Source::DynamicDefaultBroker;
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG: return ConfigEntry::Source::StaticBroker;
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG: return ConfigEntry::Source::Default;
    default: return ConfigEntry::Source::Unknown;
    }
}

ConfigsResult describe(rd_kafka_t *rk, rd_kafka_ResourceType_t type, const QStringList &names, int timeoutMs)
{
    ConfigsResult result;
    Request r = prepare(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeoutMs, false, false);
    if (r.error.isError()) {
        result.error = r.error;
        return result;
    }
    std::vector<rd_kafka_ConfigResource_t *> resources;
    for (const QString &name : names)
        resources.push_back(rd_kafka_ConfigResource_new(type, name.toUtf8().constData()));
    rd_kafka_DescribeConfigs(rk, resources.data(), resources.size(), r.options.get(), r.queue.get());
    rd_kafka_ConfigResource_destroy_array(resources.data(), resources.size());
    EventPtr event = await(r, "DescribeConfigs", timeoutMs, &result.error);
    if (!event || result.error.isError())
        return result;
    size_t n = 0;
    const auto **res = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event.get()), &n);
    for (size_t i = 0; i < n; ++i) {
        ResourceConfigs rc;
        rc.name = QString::fromUtf8(rd_kafka_ConfigResource_name(res[i]));
        rc.error = AdminError::fromKafka(rd_kafka_ConfigResource_error(res[i]),
                                         rd_kafka_ConfigResource_error_string(res[i]));
        size_t cnt = 0;
        const auto **entries = rd_kafka_ConfigResource_configs(res[i], &cnt);
        rc.entries.reserve(qsizetype(cnt));
        for (size_t j = 0; j < cnt; ++j) {
            ConfigEntry e;
            e.name = QString::fromUtf8(rd_kafka_ConfigEntry_name(entries[j]));
            const char *value = rd_kafka_ConfigEntry_value(entries[j]);
            e.hasValue = value != nullptr;
            e.value = QString::fromUtf8(value ? value : "");
            e.source = toSource(rd_kafka_ConfigEntry_source(entries[j]));
            e.readOnly = rd_kafka_ConfigEntry_is_read_only(entries[j]) == 1;
            e.sensitive = rd_kafka_ConfigEntry_is_sensitive(entries[j]) == 1;
            e.isDefault = rd_kafka_ConfigEntry_is_default(entries[j]) == 1;
            rc.entries.append(e);
        }
        std::sort(rc.entries.begin(), rc.entries.end(),
                  [](const ConfigEntry &a, const ConfigEntry &b) { return a.name < b.name; });
        result.resources.append(rc);
    }
    return result;
}

AdminResult notFound(const QString &topic, const AdminError &error)
{
    AdminResult r;
    r.items.append({topic, -1, -1, error});
    return r;
}

} // namespace

AdminResult createTopics(rd_kafka_t *rk, const QList<NewTopicSpec> &topics, bool validateOnly, int timeoutMs)
{
    AdminResult result;
    Request r = prepare(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS, timeoutMs, validateOnly);
    if (r.error.isError()) {
        result.error = r.error;
        return result;
    }
    std::vector<rd_kafka_NewTopic_t *> newTopics;
    auto cleanup = [&] { rd_kafka_NewTopic_destroy_array(newTopics.data(), newTopics.size()); };
    for (const NewTopicSpec &spec : topics) {
        char errstr[512];
        rd_kafka_NewTopic_t *t = rd_kafka_NewTopic_new(spec.name.toUtf8().constData(), spec.partitions,
                                                       spec.replicationFactor, errstr, sizeof errstr);
        if (!t) {
            cleanup();
            result.items.append({spec.name, -1, -1, AdminError::make(QStringLiteral("INVALID_ARG"), QString::fromUtf8(errstr))});
            return result;
        }
        newTopics.push_back(t);
        for (const auto &[key, value] : spec.configs) {
            if (rd_kafka_NewTopic_set_config(t, key.toUtf8().constData(), value.toUtf8().constData())) {
                cleanup();
                result.items.append({spec.name, -1, -1,
                                     AdminError::make(QStringLiteral("INVALID_ARG"),
                                                      QStringLiteral("config %1 refused").arg(key))});
                return result;
            }
        }
    }
    rd_kafka_CreateTopics(rk, newTopics.data(), newTopics.size(), r.options.get(), r.queue.get());
    cleanup();
    EventPtr event = await(r, "CreateTopics", timeoutMs, &result.error);
    if (!event || result.error.isError())
        return result;
    size_t n = 0;
    const auto **res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &n);
    collectTopicResults(res, n, &result);
    return result;
}

AdminResult deleteTopics(rd_kafka_t *rk, const QStringList &topics, int timeoutMs)
{
    AdminResult result;
    Request r = prepare(rk, RD_KAFKA_ADMIN_OP_DELETETOPICS, timeoutMs);
    if (r.error.isError()) {
        result.error = r.error;
        return result;
    }
    std::vector<rd_kafka_DeleteTopic_t *> del;
    for (const QString &t : topics)
        del.push_back(rd_kafka_DeleteTopic_new(t.toUtf8().constData()));
    rd_kafka_DeleteTopics(rk, del.data(), del.size(), r.options.get(), r.queue.get());
    rd_kafka_DeleteTopic_destroy_array(del.data(), del.size());
    EventPtr event = await(r, "DeleteTopics", timeoutMs, &result.error);
    if (!event || result.error.isError())
        return result;
    size_t n = 0;
    const auto **res = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event.get()), &n);
    collectTopicResults(res, n, &result);
    return result;
}

AdminResult createPartitions(rd_kafka_t *rk, const QString &topic, int newTotal, bool validateOnly, int timeoutMs)
{
    AdminResult result;
    Request r = prepare(rk, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, timeoutMs, validateOnly);
    if (r.error.isError()) {
        result.error = r.error;
        return result;
    }
    char errstr[512];
    rd_kafka_NewPartitions_t *np = rd_kafka_NewPartitions_new(topic.toUtf8().constData(), size_t(std::max(newTotal, 0)),
                                                              errstr, sizeof errstr);
    if (!np)
        return notFound(topic, AdminError::make(QStringLiteral("INVALID_ARG"), QString::fromUtf8(errstr)));
    rd_kafka_CreatePartitions(rk, &np, 1, r.options.get(), r.queue.get());
    rd_kafka_NewPartitions_destroy(np);
    EventPtr event = await(r, "CreatePartitions", timeoutMs, &result.error);
    if (!event || result.error.isError())
        return result;
    size_t n = 0;
    const auto **res = rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(event.get()), &n);
    collectTopicResults(res, n, &result);
    return result;
}

ConfigsResult describeTopicConfigs(rd_kafka_t *rk, const QStringList &topics, int timeoutMs)
{
    return describe(rk, RD_KAFKA_RESOURCE_TOPIC, topics, timeoutMs);
}

ConfigsResult describeBrokerConfigs(rd_kafka_t *rk, int brokerId, int timeoutMs)
{
    return describe(rk, RD_KAFKA_RESOURCE_BROKER, {QString::number(brokerId)}, timeoutMs);
}

AdminResult alterTopicConfig(rd_kafka_t *rk, const QString &topic, const QString &key,
                             const std::optional<QString> &value, int timeoutMs)
{
    AdminResult result;
    Request r = prepare(rk, RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS, timeoutMs, false, false);
    if (r.error.isError()) {
        result.error = r.error;
        return result;
    }
    // Incremental: the request names only this key, so every other override stays as it is.
    rd_kafka_ConfigResource_t *res = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.toUtf8().constData());
    const QByteArray keyUtf8 = key.toUtf8(), valueUtf8 = value.value_or(QString()).toUtf8();
    if (rd_kafka_error_t *err = rd_kafka_ConfigResource_add_incremental_config(
            res, keyUtf8.constData(), value ? RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET : RD_KAFKA_ALTER_CONFIG_OP_TYPE_DELETE,
            value ? valueUtf8.constData() : nullptr)) {
        const QString why = QString::fromUtf8(rd_kafka_error_string(err));
        rd_kafka_error_destroy(err);
        rd_kafka_ConfigResource_destroy(res);
        return notFound(topic, AdminError::make(QStringLiteral("INVALID_ARG"), QStringLiteral("config %1 refused: %2").arg(key, why)));
    }
    rd_kafka_IncrementalAlterConfigs(rk, &res, 1, r.options.get(), r.queue.get());
    rd_kafka_ConfigResource_destroy(res);
    EventPtr event = await(r, "IncrementalAlterConfigs", timeoutMs, &result.error);
    if (!event || result.error.isError())
        return result;
    size_t n = 0;
    const auto **out = rd_kafka_IncrementalAlterConfigs_result_resources(
        rd_kafka_event_IncrementalAlterConfigs_result(event.get()), &n);
    for (size_t i = 0; i < n; ++i)
        result.items.append({QString::fromUtf8(rd_kafka_ConfigResource_name(out[i])), -1, -1,
                             AdminError::fromKafka(rd_kafka_ConfigResource_error(out[i]),
                                                   rd_kafka_ConfigResource_error_string(out[i]))});
    return result;
}

AdminResult deleteRecords(rd_kafka_t *rk, const QList<RecordsCut> &cuts, int timeoutMs)
{
    AdminResult result;
    if (cuts.isEmpty())
        return result;
    Request r = prepare(rk, RD_KAFKA_ADMIN_OP_DELETERECORDS, timeoutMs);
    if (r.error.isError()) {
        result.error = r.error;
        return result;
    }
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(cuts.size())));
    for (const RecordsCut &c : cuts)
        rd_kafka_topic_partition_list_add(list.get(), c.topic.toUtf8().constData(), c.partition)->offset = c.beforeOffset;
    rd_kafka_DeleteRecords_t *del = rd_kafka_DeleteRecords_new(list.get());
    rd_kafka_DeleteRecords(rk, &del, 1, r.options.get(), r.queue.get());
    rd_kafka_DeleteRecords_destroy(del);
    EventPtr event = await(r, "DeleteRecords", timeoutMs, &result.error);
    if (!event || result.error.isError())
        return result;
    const rd_kafka_topic_partition_list_t *offsets =
        rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(event.get()));
    for (int i = 0; offsets && i < offsets->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = offsets->elems[i];
        result.items.append({QString::fromUtf8(e.topic), e.partition, e.err ? -1 : e.offset,
                             AdminError::fromKafka(e.err)});
    }
    return result;
}

} // namespace kafkascope::topic_admin_ops
