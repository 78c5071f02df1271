#include "group_support.h"

#include "test_support.h"

#include <QDeadlineTimer>
#include <QStringList>

namespace kafkascope::testing {

bool produceToPartition(const QString &bootstrap, const QString &topic, int partition, int count,
                        QString *error)
{
    QByteArray input;
    for (int i = 0; i < count; ++i)
        input += "message-" + QByteArray::number(i) + '\n';
    const ProcessResult r =
        run(QStringLiteral("kcat"),
            {QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
             QStringLiteral("-p"), QString::number(partition)},
            input);
    if (!r.ok() && error)
        *error = QString::fromUtf8(r.err);
    return r.ok();
}

bool commitOffsets(const QString &bootstrap, const QString &group, const QString &topic,
                   const QMap<int, qint64> &offsets, QString *error)
{
    static const QString code = QStringLiteral(R"(
import sys
from confluent_kafka import Consumer, TopicPartition
bs, group, topic = sys.argv[1:4]
offs = [TopicPartition(topic, int(p), int(o)) for p, o in (a.split(':') for a in sys.argv[4:])]
c = Consumer({'bootstrap.servers': bs, 'group.id': group, 'enable.auto.commit': False})
c.commit(offsets=offs, asynchronous=False)
c.close()
)");
    QStringList args{bootstrap, group, topic};
    for (auto it = offsets.cbegin(); it != offsets.cend(); ++it)
        args << QStringLiteral("%1:%2").arg(it.key()).arg(it.value());
    const ProcessResult r = python(code, args);
    if (!r.ok() && error)
        *error = QString::fromUtf8(r.err);
    return r.ok();
}

QMap<int, qint64> committedOffsets(const QString &bootstrap, const QString &group,
                                   const QString &topic, int partitions, QString *error)
{
    static const QString code = QStringLiteral(R"(
import sys
from confluent_kafka import Consumer, TopicPartition
bs, group, topic, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = Consumer({'bootstrap.servers': bs, 'group.id': group, 'enable.auto.commit': False})
for tp in c.committed([TopicPartition(topic, p) for p in range(n)], timeout=10):
    print(tp.partition, tp.offset if tp.offset >= 0 else -1)
c.close()
)");
    QMap<int, qint64> out;
    const ProcessResult r = python(code, {bootstrap, group, topic, QString::number(partitions)});
    if (!r.ok()) {
        if (error)
            *error = QString::fromUtf8(r.err);
        return out;
    }
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(' ');
        if (f.size() == 2)
            out.insert(f[0].toInt(), f[1].toLongLong());
    }
    return out;
}

BackgroundMember::BackgroundMember(const QString &bootstrap, const QString &group,
                                   const QString &topic)
    : m_process(std::make_unique<QProcess>())
{
    static const QString code = QStringLiteral(R"(
import signal, sys
from confluent_kafka import Consumer
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
bs, group, topic = sys.argv[1:4]
def on_assign(c, parts):
    print('assigned', len(parts), flush=True)
c = Consumer({'bootstrap.servers': bs, 'group.id': group, 'enable.auto.commit': False,
              'client.id': 'test-active-member', 'session.timeout.ms': 10000})
c.subscribe([topic], on_assign=on_assign)
try:
    while True:
        c.poll(0.2)
finally:
    c.close()
)");
    m_process->start(testPython(),
                     {QStringLiteral("-u"), QStringLiteral("-c"), code, bootstrap, group, topic});
}

BackgroundMember::~BackgroundMember()
{
    m_process->terminate(); // SIGTERM: python's finally closes the consumer and leaves the group
    if (!m_process->waitForFinished(10000))
        m_process->kill();
    m_process->waitForFinished(2000);
}

bool BackgroundMember::waitAssigned(int timeoutMs, QString *error)
{
    QDeadlineTimer deadline(timeoutMs);
    QByteArray out;
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        if (out.contains("assigned"))
            return true;
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    if (error)
        *error = QStringLiteral("the python member never got an assignment: ") +
                 QString::fromUtf8(m_process->readAllStandardError());
    return false;
}

} // namespace kafkascope::testing
