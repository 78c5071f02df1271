#include "kafka/consumer_group_admin.h"

#include <QDeadlineTimer>
#include <QSet>
#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
AdminOptionsPtr adminOptions(rd_kafka_t *rk, rd_kafka_admin_op_t op, int timeoutMs)
{
    AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, op));
    char errstr[256];
    rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, errstr, sizeof errstr);
    return options;
}

QString timedOut(const char *call, int timeoutMs)
{
    return QStringLiteral("TIMED_OUT: no answer to %1 within %2 ms")
        .arg(QString::fromLatin1(call))
        .arg(timeoutMs);
}

QList<PartitionOffset> readPartitions(const rd_kafka_topic_partition_list_t *list)
{
    QList<PartitionOffset> out;
    if (!list)
        return out;
    out.reserve(list->cnt);
    for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = list->elems[i];
        out.append({QString::fromUtf8(e.topic), e.partition, e.err ? -1 : e.offset,
                    e.err ? kafkaErrorText(e.err) : QString()});
    }
    return out;
}

PartitionListPtr toList(const QList<PartitionOffset> &offsets)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(offsets.size())));
    for (const PartitionOffset &p : offsets)
        rd_kafka_topic_partition_list_add(list.get(), p.topic.toUtf8().constData(), p.partition)
            ->offset = p.offset;
    return list;
}
} // namespace

QString kafkaErrorDetail(int err, const char *detail)
{
    QString text = kafkaErrorText(err);
    const QString extra = QString::fromUtf8(detail ? detail : "");
    if (!extra.isEmpty() && !text.contains(extra))
        text += QStringLiteral(" (") + extra + u')';
    return text;
}

namespace {
GroupType typeOf(rd_kafka_consumer_group_type_t type)
{
    switch (type) {
    case RD_KAFKA_CONSUMER_GROUP_TYPE_CLASSIC: return GroupType::Classic;
    case RD_KAFKA_CONSUMER_GROUP_TYPE_CONSUMER: return GroupType::Consumer;
    default: return GroupType::Unknown;
    }
}

// ListConsumerGroups: classic groups of the consumer protocol (or none) and consumer groups.
GroupListResult listTypedGroups(rd_kafka_t *rk, int timeoutMs)
{
    GroupListResult result;
    QueuePtr queue(rd_kafka_queue_new(rk));
    AdminOptionsPtr options = adminOptions(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeoutMs);
    rd_kafka_ListConsumerGroups(rk, options.get(), queue.get());
    EventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 1000));
    if (!event) {
        result.error = timedOut("ListConsumerGroups", timeoutMs);
        return result;
    }
    if (const auto err = rd_kafka_event_error(event.get())) {
        result.error = kafkaErrorDetail(err, rd_kafka_event_error_string(event.get()));
        return result;
    }
    const auto *res = rd_kafka_event_ListConsumerGroups_result(event.get());
    size_t n = 0;
    const auto **valid = rd_kafka_ListConsumerGroups_result_valid(res, &n);
    for (size_t i = 0; i < n; ++i) {
        GroupListing g;
        g.id = QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(valid[i]));
        g.simple = rd_kafka_ConsumerGroupListing_is_simple_consumer_group(valid[i]);
        g.state = QString::fromUtf8(
            rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(valid[i])));
        g.type = typeOf(rd_kafka_ConsumerGroupListing_type(valid[i]));
        result.groups.append(g);
    }
    size_t nerr = 0;
    const auto **errors = rd_kafka_ListConsumerGroups_result_errors(res, &nerr);
    if (nerr > 0 && n == 0) {
        result.error = kafkaErrorDetail(rd_kafka_error_code(errors[0]),
                                        rd_kafka_error_string(errors[0]));
        return result;
    }
    result.ok = true;
    return result;
}

// The groups the typed listing leaves out, from each broker's plain ListGroups + DescribeGroups.
QList<GroupListing> listUntypedGroups(rd_kafka_t *rk, const QSet<QString> &known, int timeoutMs)
{
    QList<GroupListing> out;
    const rd_kafka_group_list *list = nullptr;
    const auto err = rd_kafka_list_groups(rk, nullptr, &list, timeoutMs);
    if ((err && err != RD_KAFKA_RESP_ERR__PARTIAL) || !list)
        return out; // the typed listing stands alone
    for (int i = 0; i < list->group_cnt; ++i) {
        const rd_kafka_group_info &info = list->groups[i];
        const QString id = QString::fromUtf8(info.group);
        if (known.contains(id))
            continue;
        GroupListing g;
        g.id = id;
        g.protocolType = QString::fromUtf8(info.protocol_type ? info.protocol_type : "");
        if (g.protocolType == u"consumer")
            g.protocolType.clear(); // born between the two listings: an ordinary classic group
        if (!g.protocolType.isEmpty() || (info.state && qstrcmp(info.state, "Dead") != 0)) {
            g.type = GroupType::Classic; // e.g. Kafka Connect's workers
            g.state = QString::fromUtf8(info.state ? info.state : "");
        } else {
            // DescribeGroups answers "Dead" for a group it does not hold: not a classic group.
            g.type = GroupType::Other;
        }
        out.append(g);
    }
    rd_kafka_group_list_destroy(list);
    return out;
}
} // namespace

GroupListResult listGroups(rd_kafka_t *rk, int timeoutMs)
{
    GroupListResult result = listTypedGroups(rk, timeoutMs);
    if (!result.ok)
        return result;
    QSet<QString> known;
    for (const GroupListing &g : std::as_const(result.groups))
        known.insert(g.id);
    result.groups += listUntypedGroups(rk, known, timeoutMs);
    std::sort(result.groups.begin(), result.groups.end(),
              [](const GroupListing &a, const GroupListing &b) { return a.id < b.id; });
    return result;
}

GroupDescribeResult describeConsumerGroups(rd_kafka_t *rk, const QStringList &groups, int timeoutMs)
{
    GroupDescribeResult result;
    if (groups.isEmpty()) {
        result.ok = true;
        return result;
    }
    QList<QByteArray> names;
    std::vector<const char *> ids;
    for (const QString &g : groups)
        names.append(g.toUtf8());
    for (const QByteArray &n : names)
        ids.push_back(n.constData());
    QueuePtr queue(rd_kafka_queue_new(rk));
    AdminOptionsPtr options = adminOptions(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeoutMs);
    rd_kafka_DescribeConsumerGroups(rk, ids.data(), ids.size(), options.get(), queue.get());
    EventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 1000));
    if (!event) {
        result.error = timedOut("DescribeConsumerGroups", timeoutMs);
        return result;
    }
    if (const auto err = rd_kafka_event_error(event.get())) {
        result.error = kafkaErrorDetail(err, rd_kafka_event_error_string(event.get()));
        return result;
    }
    size_t n = 0;
    const auto **descs = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(event.get()), &n);
    for (size_t i = 0; i < n; ++i) {
        const auto *d = descs[i];
        GroupDescription g;
        g.id = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(d));
        if (const rd_kafka_error_t *e = rd_kafka_ConsumerGroupDescription_error(d)) {
            g.error = kafkaErrorDetail(rd_kafka_error_code(e), rd_kafka_error_string(e));
            result.groups.append(g);
            continue;
        }
        g.state = QString::fromUtf8(
            rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(d)));
        g.type = typeOf(rd_kafka_ConsumerGroupDescription_type(d));
        g.assignor = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(d));
        g.simple = rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(d);
        if (const rd_kafka_Node_t *c = rd_kafka_ConsumerGroupDescription_coordinator(d))
            g.coordinator = rd_kafka_Node_id(c);
        const size_t members = rd_kafka_ConsumerGroupDescription_member_count(d);
        for (size_t m = 0; m < members; ++m) {
            const auto *md = rd_kafka_ConsumerGroupDescription_member(d, m);
            GroupMember member;
            member.memberId = QString::fromUtf8(rd_kafka_MemberDescription_consumer_id(md));
            member.clientId = QString::fromUtf8(rd_kafka_MemberDescription_client_id(md));
            member.host = QString::fromUtf8(rd_kafka_MemberDescription_host(md));
            if (const char *inst = rd_kafka_MemberDescription_group_instance_id(md))
                member.instanceId = QString::fromUtf8(inst);
            if (const auto *a = rd_kafka_MemberDescription_assignment(md))
                for (const PartitionOffset &p :
                     readPartitions(rd_kafka_MemberAssignment_partitions(a)))
                    member.assignment.append({p.topic, p.partition});
            // Consumer groups (KIP-848): where the coordinator is moving the member to.
            if (const auto *t = rd_kafka_MemberDescription_target_assignment(md)) {
                member.hasTarget = true;
                for (const PartitionOffset &p :
                     readPartitions(rd_kafka_MemberAssignment_partitions(t)))
                    member.targetAssignment.append({p.topic, p.partition});
            }
            g.members.append(member);
        }
        result.groups.append(g);
    }
    result.ok = true;
    return result;
}

QHash<QString, GroupOffsets> listCommittedOffsets(rd_kafka_t *rk, const QStringList &groups,
                                                  int timeoutMs)
{
    QHash<QString, GroupOffsets> result;
    if (groups.isEmpty())
        return result;
    QueuePtr queue(rd_kafka_queue_new(rk));
    // librdkafka takes one group per call; all calls share the queue so they run in parallel,
    // each carrying its group's index as opaque so even a request-level failure finds its group.
    std::vector<AdminOptionsPtr> options;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        options.push_back(adminOptions(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeoutMs));
        rd_kafka_AdminOptions_set_opaque(options.back().get(), reinterpret_cast<void *>(i));
        rd_kafka_ListConsumerGroupOffsets_t *req =
            rd_kafka_ListConsumerGroupOffsets_new(groups[i].toUtf8().constData(), nullptr);
        rd_kafka_ListConsumerGroupOffsets(rk, &req, 1, options.back().get(), queue.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(req);
        result[groups[i]].error = timedOut("ListConsumerGroupOffsets", timeoutMs);
    }
    QDeadlineTimer deadline(timeoutMs + 1000);
    for (qsizetype answered = 0; answered < groups.size() && !deadline.hasExpired();) {
        EventPtr event(
            rd_kafka_queue_poll(queue.get(), int(std::max<qint64>(1, deadline.remainingTime()))));
        if (!event)
            break;
        ++answered;
        const auto index = reinterpret_cast<qsizetype>(rd_kafka_event_opaque(event.get()));
        if (index < 0 || index >= groups.size())
            continue;
        GroupOffsets &g = result[groups[index]];
        g.error.clear();
        if (const auto err = rd_kafka_event_error(event.get())) {
            g.error = kafkaErrorDetail(err, rd_kafka_event_error_string(event.get()));
            continue;
        }
        size_t n = 0;
        const auto **res = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &n);
        for (size_t i = 0; i < n; ++i) {
            if (const rd_kafka_error_t *e = rd_kafka_group_result_error(res[i])) {
                g.error = kafkaErrorDetail(rd_kafka_error_code(e), rd_kafka_error_string(e));
                continue;
            }
            for (const PartitionOffset &p :
                 readPartitions(rd_kafka_group_result_partitions(res[i]))) {
                if (p.offset < 0 && p.error.isEmpty())
                    continue; // listed without a commit
                g.offsets.append(p);
            }
        }
    }
    return result;
}

GroupOffsets committedOffsetsViaConsumer(rd_kafka_t *consumer,
                                         const QList<TopicPartition> &partitions, int timeoutMs)
{
    GroupOffsets result;
    if (partitions.isEmpty())
        return result;
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    for (const TopicPartition &tp : partitions)
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.toUtf8().constData(), tp.partition);
    if (const auto err = rd_kafka_committed(consumer, list.get(), timeoutMs)) {
        result.error = kafkaErrorText(err);
        return result;
    }
    for (const PartitionOffset &p : readPartitions(list.get()))
        if (p.offset >= 0 || !p.error.isEmpty())
            result.offsets.append(p);
    return result;
}

AlterOffsetsResult alterCommittedOffsets(rd_kafka_t *rk, const QString &group,
                                         const QList<PartitionOffset> &offsets, int timeoutMs)
{
    AlterOffsetsResult result;
    PartitionListPtr list = toList(offsets);
    QueuePtr queue(rd_kafka_queue_new(rk));
    AdminOptionsPtr options =
        adminOptions(rk, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, timeoutMs);
    rd_kafka_AlterConsumerGroupOffsets_t *req =
        rd_kafka_AlterConsumerGroupOffsets_new(group.toUtf8().constData(), list.get());
    rd_kafka_AlterConsumerGroupOffsets(rk, &req, 1, options.get(), queue.get());
    rd_kafka_AlterConsumerGroupOffsets_destroy(req);
    EventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 1000));
    if (!event) {
        result.error = timedOut("AlterConsumerGroupOffsets", timeoutMs);
        return result;
    }
    size_t n = 0;
    const auto **res = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event.get()), &n);
    if (const auto err = rd_kafka_event_error(event.get()); err && n == 0) {
        result.error = kafkaErrorDetail(err, rd_kafka_event_error_string(event.get()));
        return result;
    }
    for (size_t i = 0; i < n; ++i) {
        if (const rd_kafka_error_t *e = rd_kafka_group_result_error(res[i]))
            result.error = kafkaErrorDetail(rd_kafka_error_code(e), rd_kafka_error_string(e));
        const rd_kafka_topic_partition_list_t *parts = rd_kafka_group_result_partitions(res[i]);
        for (int j = 0; parts && j < parts->cnt; ++j) {
            const rd_kafka_topic_partition_t &e = parts->elems[j];
            result.partitions.append({QString::fromUtf8(e.topic), e.partition, e.offset,
                                      e.err ? kafkaErrorText(e.err) : QString()});
        }
    }
    result.ok = result.error.isEmpty();
    return result;
}

} // namespace kafkascope
