#include "topics/queue_topics.h"

#include <algorithm>

namespace kafkascope {

QString queueBaseOf(const QString &topic)
{
    const qsizetype dot = topic.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == topic.size() - 1 || topic.startsWith(u"__"))
        return {};
    for (qsizetype i = dot + 1; i < topic.size(); ++i)
        if (!topic[i].isDigit())
            return {};
    return topic.left(dot);
}

QHash<QString, QStringList> queueGroups(const QStringList &topics)
{
    QHash<QString, QStringList> groups;
    for (const QString &t : topics)
        if (const QString base = queueBaseOf(t); !base.isEmpty())
            groups[base].append(t);
    for (auto it = groups.begin(); it != groups.end();) {
        if (it->size() < 2) {
            it = groups.erase(it);
            continue;
        }
        std::sort(it->begin(), it->end(), [](const QString &a, const QString &b) {
            return a.section(QLatin1Char('.'), -1).toLongLong() < b.section(QLatin1Char('.'), -1).toLongLong();
        });
        ++it;
    }
    return groups;
}

QList<QueueLag> rollUpQueueLag(const QList<QPair<QString, qint64>> &perTopic)
{
    QStringList names;
    for (const auto &entry : perTopic)
        names.append(entry.first);
    const QHash<QString, QStringList> groups = queueGroups(names);
    QList<QueueLag> out;
    QHash<QString, qsizetype> queueRow; // base -> its entry in `out`
    for (const auto &[topic, lag] : perTopic) {
        const QString base = queueBaseOf(topic);
        if (base.isEmpty() || !groups.contains(base)) {
            out.append({topic, 1, lag});
            continue;
        }
        if (const auto it = queueRow.constFind(base); it != queueRow.constEnd()) {
            out[*it].topics += 1;
            out[*it].lag += lag;
            continue;
        }
        queueRow.insert(base, out.size());
        out.append({base, 1, lag});
    }
    return out;
}

} // namespace kafkascope
