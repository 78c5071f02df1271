#pragma once
// ThingsBoard (and others) spread one logical queue over topics named "<queue>.<N>", one per
// partition: tb_rule_engine.main.0, tb_rule_engine.main.1, ... These functions tell which
// topics form such a queue, so the Topics panel can show the queue as one row and the Groups
// panel a group's lag per queue.

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace kafkascope {

// "tb_rule_engine.main" for "tb_rule_engine.main.3"; empty when the name has no ".<digits>" end.
QString queueBaseOf(const QString &topic);

// Queue base -> its topics (sorted by their number), for every base with at least two topics.
QHash<QString, QStringList> queueGroups(const QStringList &topics);

// A consumer group's lag per topic with each queue's topics summed into one entry.
struct QueueLag
{
    QString name;   // the topic, or the queue's base
    int topics = 1; // > 1: a queue of that many topics
    qint64 lag = 0;
    bool operator==(const QueueLag &) const = default;
};
// `perTopic` sorted by topic; the answer keeps that order, a queue where its first topic was.
QList<QueueLag> rollUpQueueLag(const QList<QPair<QString, qint64>> &perTopic);

} // namespace kafkascope
