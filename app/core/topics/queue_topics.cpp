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

} // namespace kafkascope
