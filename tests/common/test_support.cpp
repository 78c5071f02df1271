#include "test_support.h"

#include "topics/admin_result.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace kafkascope::testing {

ProcessResult run(const QString &program, const QStringList &args, const QByteArray &input, int timeoutMs)
{
    ProcessResult r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = (program + QStringLiteral(" did not start: ") + p.errorString()).toUtf8();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        r.err = (program + QStringLiteral(" timed out after %1 ms").arg(timeoutMs)).toUtf8();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString brokerBootstrap(QString *whyMissing)
{
    const QString dir = qEnvironmentVariable("KAFKASCOPE_BROKER_DIR");
    if (dir.isEmpty()) {
        if (whyMissing)
            *whyMissing = QStringLiteral("KAFKASCOPE_BROKER_DIR is not set: run through ctest, which starts the broker fixture");
        return {};
    }
    QFile f(QDir(dir).filePath(QStringLiteral("bootstrap")));
    if (!f.open(QIODevice::ReadOnly)) {
        if (whyMissing)
            *whyMissing = QStringLiteral("no bootstrap file in %1: the broker fixture did not start").arg(dir);
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

QString saslBootstrap()
{
    QFile f(QDir(qEnvironmentVariable("KAFKASCOPE_BROKER_DIR")).filePath(QStringLiteral("sasl-bootstrap")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

namespace {
bool brokerScript(const QString &command, QString *error)
{
    const QString script = qEnvironmentVariable("KAFKASCOPE_BROKER_SCRIPT");
    const QString dir = qEnvironmentVariable("KAFKASCOPE_BROKER_DIR");
    const ProcessResult r = run(QStringLiteral("bash"), {script, command, dir}, {}, 120000);
    if (!r.ok() && error)
        *error = QString::fromUtf8(r.out + r.err).right(2000);
    return r.ok();
}
} // namespace

bool stopBroker(QString *error)
{
    return brokerScript(QStringLiteral("stop"), error);
}

bool startBroker(QString *error)
{
    return brokerScript(QStringLiteral("start"), error);
}

ProcessResult kafkaConfigCommand(const QStringList &args, int timeoutMs)
{
    const QString version = qEnvironmentVariable("KAFKASCOPE_KAFKA_VERSION");
    QString classpath, mainClass;
    if (version.section(u'.', 0, 0).toInt() >= 4) {
        // Kafka 4 moved the tools out of the broker's jars into kafka-tools.
        const ProcessResult tools =
            run(QStringLiteral("bash"), {qEnvironmentVariable("KAFKASCOPE_BROKER_SCRIPT"), QStringLiteral("tools")}, {}, 600000);
        if (!tools.ok())
            return tools;
        classpath = QString::fromUtf8(tools.out).trimmed().section(u'\n', -1);
        mainClass = QStringLiteral("org.apache.kafka.tools.ConfigCommand");
    } else {
        const QString cache = qEnvironmentVariable("KAFKASCOPE_CACHE",
                                                   qEnvironmentVariable("XDG_CACHE_HOME", QDir::homePath() + QStringLiteral("/.cache"))
                                                       + QStringLiteral("/kafkascope"));
        classpath = QStringLiteral("%1/kafka-%2/libs/*").arg(cache, version);
        mainClass = QStringLiteral("kafka.admin.ConfigCommand");
    }
    return run(QStringLiteral("java"), QStringList{QStringLiteral("-cp"), classpath, mainClass} + args, {}, timeoutMs);
}

QHash<QString, JavaConfigEntry> kafkaConfigsDescribe(const QStringList &entity, QString *error)
{
    const ProcessResult r = kafkaConfigCommand(QStringList{QStringLiteral("--bootstrap-server"), brokerBootstrap()} + entity
                                          + QStringList{QStringLiteral("--describe")});
    if (!r.ok()) {
        *error = QString::fromUtf8(r.out + r.err).right(3000);
        return {};
    }
    static const QRegularExpression line(QStringLiteral(R"(^  ([^=\s]+)=(.*) sensitive=(true|false) synonyms=\{(.*)\}$)"));
    QHash<QString, JavaConfigEntry> out;
    for (const QString &l : QString::fromUtf8(r.out).split(u'\n')) {
        const QRegularExpressionMatch m = line.match(l);
        if (!m.hasMatch())
            continue;
        JavaConfigEntry e{m.captured(2), m.captured(3) == u"true", QStringLiteral("DEFAULT_CONFIG")};
        if (const QString synonyms = m.captured(4); !synonyms.isEmpty())
            e.source = synonyms.section(u':', 0, 0);
        out.insert(m.captured(1), e);
    }
    return out;
}

QString kafkaSourceName(ConfigEntry::Source s)
{
    switch (s) {
    case ConfigEntry::Source::TopicOverride: return QStringLiteral("DYNAMIC_TOPIC_CONFIG");
    case ConfigEntry::Source::DynamicBroker: return QStringLiteral("DYNAMIC_BROKER_CONFIG");
    case ConfigEntry::Source::DynamicDefaultBroker: return QStringLiteral("DYNAMIC_DEFAULT_BROKER_CONFIG");
    case ConfigEntry::Source::StaticBroker: return QStringLiteral("STATIC_BROKER_CONFIG");
    case ConfigEntry::Source::Default: return QStringLiteral("DEFAULT_CONFIG");
    default: return QStringLiteral("UNKNOWN");
    }
}

QString brokerClusterId()
{
    QFile f(QDir(qEnvironmentVariable("KAFKASCOPE_BROKER_DIR")).filePath(QStringLiteral("data/meta.properties")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("cluster.id="))
            return QString::fromUtf8(line.mid(11)).trimmed();
    return {};
}

ConnectionProfile brokerProfile(const QString &name)
{
    ConnectionProfile p;
    p.id = ConnectionProfile::newId();
    p.name = name;
    p.bootstrapServers = brokerBootstrap();
    return p;
}

QString uniqueName(const QString &prefix)
{
    return prefix + u'.' + QString::number(QRandomGenerator::global()->generate64(), 36);
}

QJsonDocument kcatMetadata(const QString &bootstrap, const QString &topic)
{
    QStringList args{QStringLiteral("-L"), QStringLiteral("-J"), QStringLiteral("-b"), bootstrap,
                     QStringLiteral("-m"), QStringLiteral("10")};
    if (!topic.isEmpty())
        args << QStringLiteral("-t") << topic;
    const ProcessResult r = run(QStringLiteral("kcat"), args);
    return QJsonDocument::fromJson(r.out);
}

QList<QJsonObject> kcatRecords(const QString &bootstrap, const QString &topic)
{
    const ProcessResult r = run(QStringLiteral("kcat"), {QStringLiteral("-C"), QStringLiteral("-e"), QStringLiteral("-J"),
                                                         QStringLiteral("-q"), QStringLiteral("-b"), bootstrap,
                                                         QStringLiteral("-t"), topic});
    QList<QJsonObject> out;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.trimmed().isEmpty())
            out.append(QJsonDocument::fromJson(line).object());
    return out;
}

QString registryUrl()
{
    QFile f(qEnvironmentVariable("KAFKASCOPE_REGISTRY_DIR") + QStringLiteral("/url"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().trimmed()) : QString();
}

QString thingsBoardProtoDir()
{
    return qEnvironmentVariable("KAFKASCOPE_THINGSBOARD_PROTO");
}

QString testPython()
{
    // The venv of scripts/python-venv.sh (confluent-kafka from PyPI, current librdkafka), which
    // ctest passes in; Debian's interpreter otherwise, never an ambient one.
    const QString venv = qEnvironmentVariable("KAFKASCOPE_PYTHON");
    return venv.isEmpty() ? QStringLiteral("/usr/bin/python3") : venv;
}

ProcessResult python(const QString &code, const QStringList &args, int timeoutMs)
{
    return run(testPython(), QStringList{QStringLiteral("-c"), code} + args, {}, timeoutMs);
}

bool createTopic(const QString &bootstrap, const QString &topic, int partitions, QString *error,
                 const QStringList &configs)
{
    static const QString code = QStringLiteral(R"PY(
import sys
from confluent_kafka.admin import AdminClient, NewTopic
bootstrap, topic, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
config = dict(kv.split('=', 1) for kv in sys.argv[4:])
admin = AdminClient({'bootstrap.servers': bootstrap})
futures = admin.create_topics([NewTopic(topic, partitions, 1, config=config)], operation_timeout=30)
futures[topic].result(timeout=60)
# Wait until metadata shows every partition with a leader.
import time
deadline = time.time() + 30
while time.time() < deadline:
    md = admin.list_topics(topic, timeout=10).topics.get(topic)
    if md and md.error is None and len(md.partitions) == partitions and all(p.leader >= 0 for p in md.partitions.values()):
        break
    time.sleep(0.2)
)PY");
    const ProcessResult r = python(code, QStringList{bootstrap, topic, QString::number(partitions)} + configs);
    if (!r.ok() && error)
        *error = QString::fromUtf8(r.err);
    return r.ok();
}

bool deleteTopic(const QString &bootstrap, const QString &topic)
{
    static const QString code = QStringLiteral(R"PY(
import sys
from confluent_kafka.admin import AdminClient
admin = AdminClient({'bootstrap.servers': sys.argv[1]})
admin.delete_topics([sys.argv[2]], operation_timeout=30)[sys.argv[2]].result(timeout=60)
)PY");
    return python(code, {bootstrap, topic}).ok();
}

} // namespace kafkascope::testing
