#pragma once
// Kafka 4 groups for tests, made and read by independent clients: a KIP-848 consumer-group
// member and a KIP-932 share-group member (confluent-kafka in the test venv, background
// processes), and Kafka's own Java kafka-consumer-groups / kafka-share-groups tools.

#include "test_support.h"

#include <QList>
#include <QProcess>
#include <QString>
#include <memory>

namespace kafkascope::testing {

// A python member of `group` subscribed to `topic`. Consumer protocol (group.protocol=consumer):
// consumes `commitAfter` messages, commits them synchronously, then keeps polling without
// committing again. Share: a ShareConsumer that keeps polling (its group then exists).
class ModernMember
{
public:
    enum class Kind { Consumer, Share };
    ModernMember(Kind kind, const QString &bootstrap, const QString &group, const QString &topic,
                 int commitAfter = 0);
    ~ModernMember();
    // Waits until the member printed `word` ("committed" for Consumer, "polling" for Share).
    bool waitFor(const QByteArray &word, int timeoutMs, QString *error);

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_out;
};

// Runs a main class of Kafka's command-line tools (kafka-tools jar, resolved by
// kafka-broker.sh tools) with java.
ProcessResult kafkaTool(const QString &mainClass, const QStringList &args, int timeoutMs = 180000);

// One row of `kafka-consumer-groups --describe --group G`.
struct JavaGroupRow
{
    QString topic;
    int partition = -1;
    qint64 current = -1; // "-": no commit
    qint64 logEnd = -1;
    qint64 lag = -1; // "-": unknown
    QString consumerId;
};
QList<JavaGroupRow> javaDescribeGroup(const QString &bootstrap, const QString &group,
                                      QString *error);
// `kafka-consumer-groups --list --type`: group -> type as the tool prints it ("Consumer").
QMap<QString, QString> javaListGroupTypes(const QString &bootstrap, QString *error);
// `kafka-share-groups --list`.
QStringList javaListShareGroups(const QString &bootstrap, QString *error);

} // namespace kafkascope::testing
