// `kafkascope --test-connection` as a script runs it: the built executable, no display, against
// the real broker (PLAINTEXT, and the SASL listener with SCRAM-SHA-512 through -X), a saved
// profile whose password is asked on the terminal, a dead port, and bad input. The cluster id it
// prints must be the one the broker's storage was formatted with.

#include "profiles/profile_store.h"
#include "test_main.h"
#include "test_support.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void testConnection_data();
    void testConnection();

private:
    QString m_bootstrap, m_sasl, m_deadPort;
    QTemporaryDir m_dir;
};

namespace {
struct Outcome
{
    int exitCode = -1;
    QString out, err;
};

// Runs the executable with no display at all: --test-connection must not need one.
Outcome runKafkascope(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("KAFKASCOPE_NO_KEYCHAIN"), QStringLiteral("1")); // secrets are asked for
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("KAFKASCOPE_EXECUTABLE"), args);
    if (!p.waitForStarted(10000))
        return {-1, {}, p.errorString()};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

void TestCommandLine::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("KAFKASCOPE_EXECUTABLE")), "KAFKASCOPE_EXECUTABLE names no file");
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_sasl = saslBootstrap();
    QVERIFY(!m_sasl.isEmpty());
    // A port that refuses: bound a moment ago, closed now.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    m_deadPort = QStringLiteral("127.0.0.1:%1").arg(probe.serverPort());
    probe.close();

    // Saved connections, as the app stores them (secrets never in the file).
    ProfileStore store(m_dir.filePath(QStringLiteral("settings.ini")));
    ConnectionProfile plain = brokerProfile(QStringLiteral("local plain"));
    plain.id = ConnectionProfile::newId();
    store.save(plain);
    ConnectionProfile scram;
    scram.id = ConnectionProfile::newId();
    scram.name = QStringLiteral("local scram");
    scram.bootstrapServers = m_sasl;
    scram.security = SecurityProtocol::SaslPlaintext;
    scram.saslMechanism = SaslMechanism::ScramSha256;
    scram.username = QStringLiteral("alice");
    scram.password = QStringLiteral("alice-secret"); // not written: asked for on the terminal
    store.save(scram);
}

void TestCommandLine::testConnection_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("stdoutHas");
    QTest::addColumn<QStringList>("stderrHas");
    const QString test = QStringLiteral("--test-connection"), bootstrap = QStringLiteral("--bootstrap");
    const QString X = QStringLiteral("-X");
    const QString settings = m_dir.filePath(QStringLiteral("settings.ini"));
    const QStringList connected{QStringLiteral("brokers: 1\n"), QStringLiteral("cluster id: ") + brokerClusterId() + u'\n',
                                QStringLiteral("controller: 1\n")};
    const QStringList scram512{X, QStringLiteral("security.protocol=SASL_PLAINTEXT"), X,
                               QStringLiteral("sasl.mechanisms=SCRAM-SHA-512"), X, QStringLiteral("sasl.username=alice")};

    QTest::newRow("plaintext") << QStringList{test, bootstrap, m_bootstrap} << QByteArray() << 0 << connected << QStringList{};
    QTest::newRow("SCRAM-SHA-512 via -X")
        << (QStringList{test, bootstrap, m_sasl} + scram512 + QStringList{X, QStringLiteral("sasl.password=alice-secret")})
        << QByteArray() << 0 << connected << QStringList{};
    QTest::newRow("SCRAM-SHA-512 wrong password")
        << (QStringList{test, bootstrap, m_sasl} + scram512 + QStringList{X, QStringLiteral("sasl.password=wrong")})
        << QByteArray() << 1 << QStringList{}
        << QStringList{QStringLiteral("cannot connect to ") + m_sasl, QStringLiteral("SASL authentication error"),
                       QStringLiteral("invalid credentials")};
    QTest::newRow("dead port") << QStringList{test, bootstrap, m_deadPort} << QByteArray() << 1 << QStringList{}
                               << QStringList{QStringLiteral("cannot connect to ") + m_deadPort,
                                              QStringLiteral("Connection refused")};
    QTest::newRow("bad -X key") << QStringList{test, bootstrap, m_bootstrap, X, QStringLiteral("no.such.property=1")}
                                << QByteArray() << 1 << QStringList{}
                                << QStringList{QStringLiteral("Invalid configuration: no.such.property: No such configuration property")};
    QTest::newRow("-X without =") << QStringList{test, bootstrap, m_bootstrap, X, QStringLiteral("acks")} << QByteArray() << 2
                                  << QStringList{} << QStringList{QStringLiteral("-X needs key=value, got \"acks\"")};
    QTest::newRow("saved profile") << QStringList{QStringLiteral("--settings"), settings, test, QStringLiteral("local plain")}
                                   << QByteArray() << 0 << connected << QStringList{};
    QTest::newRow("saved SCRAM profile, password asked")
        << QStringList{QStringLiteral("--settings"), settings, test, QStringLiteral("local scram")}
        << QByteArray("alice-secret\n") << 0 << connected << QStringList{QStringLiteral("Password for alice on local scram: ")};
    QTest::newRow("saved SCRAM profile, wrong password typed")
        << QStringList{QStringLiteral("--settings"), settings, test, QStringLiteral("local scram")} << QByteArray("nope\n") << 1
        << QStringList{} << QStringList{QStringLiteral("SASL authentication error")};
    QTest::newRow("unknown profile") << QStringList{QStringLiteral("--settings"), settings, test, QStringLiteral("nowhere")}
                                     << QByteArray() << 1 << QStringList{}
                                     << QStringList{QStringLiteral("no saved connection is named \"nowhere\" (saved: local plain, local scram)")};
    QTest::newRow("neither name nor bootstrap") << QStringList{test} << QByteArray() << 2 << QStringList{}
                                                << QStringList{QStringLiteral("--test-connection needs either")};
}

void TestCommandLine::testConnection()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QStringList, stdoutHas);
    QFETCH(QStringList, stderrHas);
    const Outcome o = runKafkascope(args, input);
    const QByteArray both = (QStringLiteral("stdout: ") + o.out + QStringLiteral("\nstderr: ") + o.err).toUtf8();
    QVERIFY2(o.exitCode == exitCode, both.constData());
    for (const QString &s : stdoutHas)
        QVERIFY2(o.out.contains(s), both.constData());
    for (const QString &s : stderrHas)
        QVERIFY2(o.err.contains(s), both.constData());
    if (exitCode != 0)
        QVERIFY2(o.out.isEmpty(), both.constData()); // scripts read stdout only on success
}

KAFKASCOPE_CORE_TEST_MAIN(TestCommandLine)
#include "tst_command_line.moc"
