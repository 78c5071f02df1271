// Profile validation: every field the dialog marks red comes from here.

#include "profiles/connection_profile.h"
#include "test_main.h"

#include <QTemporaryDir>

using namespace kafkascope;

class TestConnectionProfile : public QObject
{
    Q_OBJECT
private slots:
    void bootstrapList_data();
    void bootstrapList();
    void fieldsFlagged_data();
    void fieldsFlagged();
    void protocolNamesRoundTrip();
};

void TestConnectionProfile::bootstrapList_data()
{
    QTest::addColumn<QString>("servers");
    QTest::addColumn<bool>("valid");
    QTest::newRow("single") << "localhost:9092" << true;
    QTest::newRow("several with spaces") << "a.example:9092, b.example:9093" << true;
    QTest::newRow("ipv4") << "10.0.0.1:19092" << true;
    QTest::newRow("ipv6") << "[::1]:9092" << true;
    QTest::newRow("with scheme") << "PLAINTEXT://broker:9092" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("blank") << "   " << false;
    QTest::newRow("no port") << "localhost" << false;
    QTest::newRow("port zero") << "localhost:0" << false;
    QTest::newRow("port too big") << "localhost:70000" << false;
    QTest::newRow("trailing comma") << "a:1," << false;
    QTest::newRow("space inside host") << "my host:9092" << false;
    QTest::newRow("letters in port") << "host:90x2" << false;
    // DNS: a name is at most 253 characters, each label at most 63.
    const QString label63(63, u'a'), label64(64, u'a');
    const QString name253 = QStringList{label63, label63, label63, QString(61, u'b')}.join(u'.');
    QTest::newRow("253-character host") << name253 + QStringLiteral(":9092") << true;
    QTest::newRow("254-character host") << name253 + QStringLiteral("b:9092") << false;
    QTest::newRow("10 KB host") << QString(10240, u'h') + QStringLiteral(":9092") << false;
    QTest::newRow("63-character label") << label63 + QStringLiteral(".example:9092") << true;
    QTest::newRow("64-character label") << label64 + QStringLiteral(".example:9092") << false;
    QTest::newRow("long second entry") << QStringLiteral("ok:1,") + label64 + QStringLiteral(":2") << false;
}

void TestConnectionProfile::bootstrapList()
{
    QFETCH(QString, servers);
    QFETCH(bool, valid);
    const QString message = validateBootstrapServers(servers);
    QCOMPARE(message.isEmpty(), valid);
    // The message quotes what is wrong, shortened: it sits beside the field, never widens it.
    QVERIFY2(message.size() < 200, qPrintable(message.left(300)));
}

void TestConnectionProfile::fieldsFlagged_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QStringList>("fields");
    ConnectionProfile ok;
    ok.name = QStringLiteral("prod");
    ok.bootstrapServers = QStringLiteral("b:9092");
    QTest::newRow("plaintext fine") << ok << QStringList{};

    ConnectionProfile noName = ok;
    noName.name.clear();
    QTest::newRow("no name") << noName << QStringList{QStringLiteral("name")};

    ConnectionProfile sasl = ok;
    sasl.security = SecurityProtocol::SaslSsl;
    QTest::newRow("sasl without user") << sasl << QStringList{QStringLiteral("username")};

    ConnectionProfile badCa = ok;
    badCa.security = SecurityProtocol::Ssl;
    badCa.caFile = QStringLiteral("/nonexistent/ca.pem");
    QTest::newRow("unreadable CA") << badCa << QStringList{QStringLiteral("caFile")};

    ConnectionProfile certOnly = ok;
    certOnly.security = SecurityProtocol::Ssl;
    certOnly.certFile = QStringLiteral("/etc/hostname");
    QTest::newRow("cert without key") << certOnly << QStringList{QStringLiteral("keyFile")};

    ConnectionProfile caIgnored = ok;
    caIgnored.caFile = QStringLiteral("/nonexistent/ca.pem"); // PLAINTEXT: not used, not checked
    QTest::newRow("CA ignored for plaintext") << caIgnored << QStringList{};

    ConnectionProfile emptyExtra = ok;
    emptyExtra.extraProperties = {{QStringLiteral(" "), QStringLiteral("x")}};
    QTest::newRow("extra without key") << emptyExtra << QStringList{QStringLiteral("extraProperties")};

    ConnectionProfile demo;
    demo.name = QStringLiteral("Demo");
    demo.demo = true;
    QTest::newRow("demo needs no bootstrap") << demo << QStringList{};
}

void TestConnectionProfile::fieldsFlagged()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QStringList, fields);
    QStringList flagged;
    for (const auto &issue : profile.validate()) {
        QVERIFY2(!issue.message.isEmpty(), "every issue explains itself");
        flagged << issue.field;
    }
    QCOMPARE(flagged, fields);
}

void TestConnectionProfile::protocolNamesRoundTrip()
{
    for (auto p : {SecurityProtocol::Plaintext, SecurityProtocol::Ssl, SecurityProtocol::SaslPlaintext,
                   SecurityProtocol::SaslSsl}) {
        SecurityProtocol back{};
        QVERIFY(parseSecurityProtocol(displayName(p).toLower(), &back));
        QCOMPARE(back, p);
    }
    for (auto m : {SaslMechanism::Plain, SaslMechanism::ScramSha256, SaslMechanism::ScramSha512}) {
        SaslMechanism back{};
        QVERIFY(parseSaslMechanism(displayName(m), &back));
        QCOMPARE(back, m);
    }
    SecurityProtocol unused{};
    QVERIFY(!parseSecurityProtocol(QStringLiteral("KERBEROS"), &unused));
}

KAFKASCOPE_CORE_TEST_MAIN(TestConnectionProfile)
#include "tst_connection_profile.moc"
