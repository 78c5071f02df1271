// Profiles persist in settings without their secrets; secrets go to the SecretStore.

#include "profiles/profile_secrets.h"
#include "profiles/profile_store.h"
#include "profiles/secret_store.h"
#include "test_main.h"
#include "cluster/workspace.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace kafkascope;

class TestProfileStore : public QObject
{
    Q_OBJECT
private slots:
    void roundTripWithoutSecrets();
    void secretExtrasAreWithheld_data();
    void secretExtrasAreWithheld();
    void secretsPackRoundTrip();
    void workspaceKeepsSecretsOutOfSettings();
    void lastOpenClusters();
    void removeForgetsProfile();

private:
    static ConnectionProfile sample();
};

ConnectionProfile TestProfileStore::sample()
{
    ConnectionProfile p;
    p.id = ConnectionProfile::newId();
    p.name = QStringLiteral("Production");
    p.bootstrapServers = QStringLiteral("k1:9093,k2:9093");
    p.security = SecurityProtocol::SaslSsl;
    p.saslMechanism = SaslMechanism::ScramSha256;
    p.username = QStringLiteral("ops");
    p.password = QStringLiteral("hunter2-secret");
    p.caFile = QStringLiteral("/etc/ssl/ca.pem");
    p.keyPassword = QStringLiteral("key-secret");
    p.extraProperties = {{QStringLiteral("socket.keepalive.enable"), QStringLiteral("true")},
                         {QStringLiteral("ssl.keystore.password"), QStringLiteral("store-secret")}};
    p.registry.url = QStringLiteral("https://registry:8081");
    p.registry.username = QStringLiteral("sr-user");
    p.registry.password = QStringLiteral("registry-secret");
    p.registry.token = QStringLiteral("token-secret");
    p.registry.caFile = QStringLiteral("/etc/ssl/registry-ca.pem");
    return p;
}

void TestProfileStore::roundTripWithoutSecrets()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("s.ini"));
    const ConnectionProfile p = sample();
    ProfileStore(ini).save(p);
    const auto loaded = ProfileStore(ini).profiles();
    QCOMPARE(loaded.size(), 1);
    const ConnectionProfile &l = loaded.first();
    QCOMPARE(l.id, p.id);
    QCOMPARE(l.name, p.name);
    QCOMPARE(l.bootstrapServers, p.bootstrapServers);
    QCOMPARE(l.security, p.security);
    QCOMPARE(l.saslMechanism, p.saslMechanism);
    QCOMPARE(l.username, p.username);
    QCOMPARE(l.caFile, p.caFile);
    QVERIFY(l.password.isEmpty());
    QVERIFY(l.keyPassword.isEmpty());
    QCOMPARE(l.registry.url, p.registry.url);
    QCOMPARE(l.registry.username, p.registry.username);
    QCOMPARE(l.registry.caFile, p.registry.caFile);
    QVERIFY(l.registry.password.isEmpty());
    QVERIFY(l.registry.token.isEmpty());
    QCOMPARE(l.extraProperties.size(), 2);
    QCOMPARE(l.extraProperties[0].second, QStringLiteral("true"));
    QVERIFY(l.extraProperties[1].second.isEmpty());

    QFile file(ini);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("hunter2-secret"));
    QVERIFY(!text.contains("key-secret"));
    QVERIFY(!text.contains("store-secret"));
    QVERIFY(!text.contains("registry-secret"));
    QVERIFY(!text.contains("token-secret"));
}

void TestProfileStore::secretExtrasAreWithheld_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("secret");
    QTest::newRow("sasl.password") << "sasl.password" << true;
    QTest::newRow("keystore password") << "ssl.keystore.password" << true;
    QTest::newRow("oauth config") << "sasl.oauthbearer.config" << true;
    QTest::newRow("client secret") << "sasl.oauthbearer.client.secret" << true;
    QTest::newRow("inline key") << "ssl.key.pem" << true;
    QTest::newRow("client.id") << "client.id" << false;
    QTest::newRow("linger") << "linger.ms" << false;
}

void TestProfileStore::secretExtrasAreWithheld()
{
    QFETCH(QString, key);
    QFETCH(bool, secret);
    QCOMPARE(isSecretProperty(key), secret);
}

void TestProfileStore::secretsPackRoundTrip()
{
    const ConnectionProfile p = sample();
    ConnectionProfile blank = withoutSecrets(p);
    QVERIFY(!hasSecrets(blank));
    QVERIFY(unpackSecrets(packSecrets(p), &blank));
    QCOMPARE(blank.password, p.password);
    QCOMPARE(blank.keyPassword, p.keyPassword);
    QCOMPARE(blank.extraProperties, p.extraProperties);
    QCOMPARE(blank.registry, p.registry);
    QVERIFY(!unpackSecrets("not json", &blank));
}

void TestProfileStore::workspaceKeepsSecretsOutOfSettings()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("s.ini"));
    Workspace ws(ini);
    QVERIFY(!ws.secrets().persistent()); // KAFKASCOPE_NO_KEYCHAIN=1 in tests
    const ConnectionProfile p = sample();
    ws.saveProfile(p);
    QFile file(ini);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("hunter2-secret"));
    // The secret is still available to this run (memory), so connecting needs no prompt.
    bool found = false;
    QByteArray payload;
    ws.secrets().read(p.id, [&](bool f, const QByteArray &data) { found = f; payload = data; });
    QVERIFY(found);
    ConnectionProfile restored = withoutSecrets(p);
    QVERIFY(unpackSecrets(payload, &restored));
    QCOMPARE(restored.password, p.password);
    // The demo profile is always first and never saved.
    QCOMPARE(ws.profiles().first().id, Workspace::kDemoId);
    QCOMPARE(ws.profiles().size(), 2);
}

void TestProfileStore::lastOpenClusters()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("s.ini"));
    ProfileStore(ini).setLastOpenClusters({QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(ProfileStore(ini).lastOpenClusters(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestProfileStore::removeForgetsProfile()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("s.ini"));
    ProfileStore store(ini);
    const ConnectionProfile p = sample();
    store.save(p);
    store.remove(p.id);
    QVERIFY(store.profiles().isEmpty());
}

KAFKASCOPE_CORE_TEST_MAIN(TestProfileStore)
#include "tst_profile_store.moc"
