// Import of a Java client.properties into a profile.

#include "profiles/client_properties_import.h"
#include "test_main.h"

using namespace kafkascope;

class TestClientProperties : public QObject
{
    Q_OBJECT
private slots:
    void javaSyntax_data();
    void javaSyntax();
    void saslScram();
    void pemTruststoreBecomesCaFile();
    void jksTruststoreIsExplained();
    void unknownJavaSettingsAreReported();
    void missingFile();
};

void TestClientProperties::javaSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("equals") << "a=b" << "a" << "b";
    QTest::newRow("colon") << "a: b" << "a" << "b";
    QTest::newRow("space separator") << "a b" << "a" << "b";
    QTest::newRow("spaces around") << "  a  =  b  " << "a" << "b  ";
    QTest::newRow("comment skipped") << "# c=d\n!e=f\na=b" << "a" << "b";
    QTest::newRow("continuation") << "a=one,\\\n    two" << "a" << "one,two";
    QTest::newRow("escaped equals in key") << "a\\=x=y" << "a=x" << "y";
    QTest::newRow("unicode escape") << "a=caf\\u00e9" << "a" << QStringLiteral("café");
    QTest::newRow("crlf") << "a=b\r\nc=d" << "a" << "b";
}

void TestClientProperties::javaSyntax()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const auto pairs = parseJavaProperties(text);
    QVERIFY(!pairs.isEmpty());
    const auto it = std::find_if(pairs.cbegin(), pairs.cend(), [&](const auto &p) { return p.first == key; });
    QVERIFY2(it != pairs.cend(), qPrintable(key));
    QCOMPARE(it->second, value);
}

void TestClientProperties::saslScram()
{
    const auto r = importClientProperties(QStringLiteral(
        "bootstrap.servers=b1.example:9093, b2.example:9093\n"
        "security.protocol=SASL_SSL\n"
        "sasl.mechanism=SCRAM-SHA-512\n"
        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\\n"
        // In the file, \\ is one backslash: the JAAS value itself holds p\"a=ss;
        "    username=\"alice\" password=\"p\\\\\"a=ss;\";\n"
        "client.id=ingest\n"));
    QCOMPARE(r.profile.bootstrapServers, QStringLiteral("b1.example:9093,b2.example:9093"));
    QCOMPARE(r.profile.security, SecurityProtocol::SaslSsl);
    QCOMPARE(r.profile.saslMechanism, SaslMechanism::ScramSha512);
    QCOMPARE(r.profile.username, QStringLiteral("alice"));
    QCOMPARE(r.profile.password, QStringLiteral("p\"a=ss;"));
    QVERIFY(r.profile.extraProperties.contains(qMakePair(QStringLiteral("client.id"), QStringLiteral("ingest"))));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
    QCOMPARE(r.profile.name, QStringLiteral("b1.example"));
    QVERIFY(r.profile.validate().isEmpty());
}

void TestClientProperties::pemTruststoreBecomesCaFile()
{
    const auto r = importClientProperties(QStringLiteral(
        "bootstrap.servers=b:9093\nsecurity.protocol=SSL\n"
        "ssl.truststore.type=PEM\nssl.truststore.location=/etc/kafka/ca.pem\n"
        "ssl.keystore.type=PKCS12\nssl.keystore.location=/etc/kafka/me.p12\nssl.keystore.password=kp\n"));
    QCOMPARE(r.profile.caFile, QStringLiteral("/etc/kafka/ca.pem"));
    QVERIFY(r.profile.extraProperties.contains(qMakePair(QStringLiteral("ssl.keystore.location"), QStringLiteral("/etc/kafka/me.p12"))));
    QVERIFY(r.profile.extraProperties.contains(qMakePair(QStringLiteral("ssl.keystore.password"), QStringLiteral("kp"))));
}

void TestClientProperties::jksTruststoreIsExplained()
{
    const auto r = importClientProperties(QStringLiteral(
        "bootstrap.servers=b:9093\nsecurity.protocol=SSL\nssl.truststore.location=/etc/kafka/trust.jks\n"
        "ssl.truststore.password=changeit\n"));
    QVERIFY(r.profile.caFile.isEmpty());
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().contains(QStringLiteral("PEM")));
}

void TestClientProperties::unknownJavaSettingsAreReported()
{
    const auto r = importClientProperties(QStringLiteral(
        "bootstrap.servers=b:9092\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n"));
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().startsWith(QStringLiteral("key.deserializer")));
}

void TestClientProperties::missingFile()
{
    const auto r = importClientPropertiesFile(QStringLiteral("/nonexistent/client.properties"));
    QVERIFY(r.error.contains(QStringLiteral("/nonexistent/client.properties")));
}

KAFKASCOPE_CORE_TEST_MAIN(TestClientProperties)
#include "tst_client_properties.moc"
