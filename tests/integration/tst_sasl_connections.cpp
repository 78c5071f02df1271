// Connection profiles over SASL against the real broker's SASL listener: each mechanism
// connects, a wrong password is reported as an authentication failure, and a profile whose
// password lives only in the secret store connects through the Workspace without a prompt.

#include "cluster/cluster_session.h"
#include "cluster/connection_tester.h"
#include "test_main.h"
#include "test_support.h"
#include "cluster/workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestSaslConnections : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void mechanismConnects_data();
    void mechanismConnects();
    void wrongPasswordIsAnAuthenticationError();
    void storedSecretIsUsedOnConnect();
    void missingPasswordAsksTheUser();

private:
    ConnectionProfile saslProfile(SaslMechanism mechanism, const QString &password) const;
    QString m_sasl;
};

void TestSaslConnections::initTestCase()
{
    QString why;
    QVERIFY2(!brokerBootstrap(&why).isEmpty(), qPrintable(why));
    m_sasl = saslBootstrap();
    QVERIFY2(!m_sasl.isEmpty(), "the broker fixture wrote no sasl-bootstrap file");
}

ConnectionProfile TestSaslConnections::saslProfile(SaslMechanism mechanism, const QString &password) const
{
    ConnectionProfile p;
    p.id = ConnectionProfile::newId();
    p.name = QStringLiteral("sasl");
    p.bootstrapServers = m_sasl;
    p.security = SecurityProtocol::SaslPlaintext;
    p.saslMechanism = mechanism;
    p.username = QStringLiteral("alice");
    p.password = password;
    return p;
}

void TestSaslConnections::mechanismConnects_data()
{
    QTest::addColumn<SaslMechanism>("mechanism");
    QTest::newRow("PLAIN") << SaslMechanism::Plain;
    QTest::newRow("SCRAM-SHA-256") << SaslMechanism::ScramSha256;
    QTest::newRow("SCRAM-SHA-512") << SaslMechanism::ScramSha512;
}

void TestSaslConnections::mechanismConnects()
{
    QFETCH(SaslMechanism, mechanism);
    const ConnectionTestResult r = testConnection(saslProfile(mechanism, QStringLiteral("alice-secret")));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.brokerCount, 1);
}

void TestSaslConnections::wrongPasswordIsAnAuthenticationError()
{
    const ConnectionTestResult r = testConnection(saslProfile(SaslMechanism::ScramSha256, QStringLiteral("wrong")), 5000);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("SASL authentication error")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("invalid credentials")), qPrintable(r.error));
}

void TestSaslConnections::storedSecretIsUsedOnConnect()
{
    QTemporaryDir dir;
    Workspace ws(dir.filePath(QStringLiteral("s.ini")));
    ws.saveProfile(saslProfile(SaslMechanism::ScramSha512, QStringLiteral("alice-secret")));
    // What the app reloads: the profile from settings has no password...
    const ConnectionProfile reloaded = ws.profiles().last();
    QVERIFY(reloaded.password.isEmpty());
    QSignalSpy asked(&ws, &Workspace::passwordRequired);
    // ...and connecting fetches it from the secret store.
    ws.connectProfile(reloaded);
    QTRY_VERIFY_WITH_TIMEOUT(ws.clusters().session(reloaded.id) != nullptr, 5000);
    ClusterSession *s = ws.clusters().session(reloaded.id);
    QTRY_COMPARE_WITH_TIMEOUT(s->status().state, SessionState::Connected, 15000);
    QCOMPARE(asked.count(), 0);
}

void TestSaslConnections::missingPasswordAsksTheUser()
{
    QTemporaryDir dir;
    Workspace ws(dir.filePath(QStringLiteral("s.ini")));
    ConnectionProfile p = saslProfile(SaslMechanism::Plain, {});
    ws.saveProfile(p);
    QSignalSpy asked(&ws, &Workspace::passwordRequired);
    ws.connectProfile(ws.profiles().last());
    QTRY_COMPARE(asked.count(), 1);
    QVERIFY(ws.clusters().session(p.id) == nullptr); // nothing opened without a password
}

KAFKASCOPE_CORE_TEST_MAIN(TestSaslConnections)
#include "tst_sasl_connections.moc"
