#include "modern_groups.h"

#include <QDeadlineTimer>
#include <QMap>
#include <QRegularExpression>

namespace kafkascope::testing {

ModernMember::ModernMember(Kind kind, const QString &bootstrap, const QString &group,
                           const QString &topic, int commitAfter)
    : m_process(std::make_unique<QProcess>())
{
    static const QString consumer = QStringLiteral(R"(
import signal, sys
from confluent_kafka import Consumer
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
bs, group, topic, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = Consumer({'bootstrap.servers': bs, 'group.id': group, 'group.protocol': 'consumer',
              'enable.auto.commit': False, 'auto.offset.reset': 'earliest',
              'client.id': 'kip848-member'})
c.subscribe([topic])
got = 0
try:
    while got < n:
        m = c.poll(0.2)
        if m is not None and not m.error():
            got += 1
    c.commit(asynchronous=False)
    print('committed', got, flush=True)
    while True:
        c.poll(0.2)
finally:
    c.close()
)");
    static const QString share = QStringLiteral(R"(
import signal, sys
from confluent_kafka import ShareConsumer
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
bs, group, topic = sys.argv[1], sys.argv[2], sys.argv[3]
c = ShareConsumer({'bootstrap.servers': bs, 'group.id': group, 'client.id': 'share-member'})
c.subscribe([topic])
print('polling', flush=True)
try:
    while True:
        c.poll(0.2)
finally:
    c.close()
)");
    m_process->start(testPython(), {QStringLiteral("-u"), QStringLiteral("-c"),
                                    kind == Kind::Consumer ? consumer : share, bootstrap, group,
                                    topic, QString::number(commitAfter)});
}

ModernMember::~ModernMember()
{
    m_process->terminate(); // SIGTERM: python's finally closes the member and leaves the group
    if (!m_process->waitForFinished(10000))
        m_process->kill();
    m_process->waitForFinished(2000);
}

bool ModernMember::waitFor(const QByteArray &word, int timeoutMs, QString *error)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(200);
        m_out += m_process->readAllStandardOutput();
        if (m_out.contains(word))
            return true;
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    if (error)
        *error = QStringLiteral("the python member never printed '%1': %2")
                     .arg(QString::fromUtf8(word),
                          QString::fromUtf8(m_process->readAllStandardError()).right(1500));
    return false;
}

ProcessResult kafkaTool(const QString &mainClass, const QStringList &args, int timeoutMs)
{
    static QString classpath;
    if (classpath.isEmpty()) {
        const ProcessResult cp =
            run(QStringLiteral("bash"),
                {qEnvironmentVariable("KAFKASCOPE_BROKER_SCRIPT"), QStringLiteral("tools")}, {},
                600000);
        if (!cp.ok())
            return cp;
        classpath = QString::fromUtf8(cp.out).trimmed().split(u'\n').last();
    }
    return run(QStringLiteral("java"),
               QStringList{QStringLiteral("-cp"), classpath, mainClass} + args, {}, timeoutMs);
}

namespace {
qint64 number(const QString &field)
{
    bool ok = false;
    const qint64 v = field.toLongLong(&ok);
    return ok ? v : -1;
}

QStringList toolLines(const ProcessResult &r, QString *error)
{
    if (!r.ok()) {
        if (error)
            *error = QString::fromUtf8(r.out + r.err).right(2000);
        return {};
    }
    return QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
}
} // namespace

QList<JavaGroupRow> javaDescribeGroup(const QString &bootstrap, const QString &group,
                                      QString *error)
{
    QList<JavaGroupRow> rows;
    const QStringList lines = toolLines(
        kafkaTool(QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
                  {QStringLiteral("--bootstrap-server"), bootstrap, QStringLiteral("--describe"),
                   QStringLiteral("--group"), group}),
        error);
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    for (const QString &line : lines) {
        const QStringList f = line.trimmed().split(spaces);
        // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
        if (f.size() < 6 || f[0] != group)
            continue;
        JavaGroupRow row;
        row.topic = f[1];
        row.partition = int(number(f[2]));
        row.current = number(f[3]);
        row.logEnd = number(f[4]);
        row.lag = number(f[5]);
        row.consumerId = f.value(6) == u"-" ? QString() : f.value(6);
        rows.append(row);
    }
    return rows;
}

QMap<QString, QString> javaListGroupTypes(const QString &bootstrap, QString *error)
{
    QMap<QString, QString> types;
    const QStringList lines = toolLines(
        kafkaTool(QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
                  {QStringLiteral("--bootstrap-server"), bootstrap, QStringLiteral("--list"),
                   QStringLiteral("--type")}),
        error);
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    for (const QString &line : lines) {
        const QStringList f = line.trimmed().split(spaces);
        if (f.size() == 2 && f[0] != u"GROUP")
            types.insert(f[0], f[1]);
    }
    return types;
}

QStringList javaListShareGroups(const QString &bootstrap, QString *error)
{
    QStringList groups;
    for (const QString &line :
         toolLines(kafkaTool(QStringLiteral("org.apache.kafka.tools.consumer.group.ShareGroupCommand"),
                             {QStringLiteral("--bootstrap-server"), bootstrap,
                              QStringLiteral("--list")}),
                   error))
        groups << line.trimmed();
    return groups;
}

} // namespace kafkascope::testing
