#pragma once
// ThingsBoard (and others) spread one logical queue over topics named "<queue>.<N>", one per
// partition: tb_rule_engine.main.0, tb_rule_engine.main.1, ... These functions tell which
// topics form such a queue, so the Topics panel can show the queue as one row.

#include <QHash>
#include <QString>
#include <QStringList>

namespace kafkascope {

// "tb_rule_engine.main" for "tb_rule_engine.main.3"; empty when the name has no ".<digits>" end.
QString queueBaseOf(const QString &topic);

// Queue base -> its topics (sorted by their number), for every base with at least two topics.
QHash<QString, QStringList> queueGroups(const QStringList &topics);

} // namespace kafkascope
