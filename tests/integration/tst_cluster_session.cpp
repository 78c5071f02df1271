// A cluster session against the real broker: what it sees equals what kcat sees, and it
// follows the broker going away and coming back.

#include "cluster/cluster_session.h"
#include "cluster/connection_tester.h"
#include "test_main.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QThread>

using namespace kafkascope;
using namespace kafkascope::testing;

class TestClusterSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void metadataEqualsKcat();
    void testConnectionReportsBrokers();
    void testConnectionNamesTheCause();
    void brokerStopAndRestart();
    void cleanupTestCase();

private:
    struct Running
    {
        QThread thread;
        ClusterSession *session = nullptr;
        ~Running()
        {
            if (session)
                QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
            delete session;
        }
    };
    void startSession(Running &r, const ConnectionProfile &p, int refreshMs = 500);
    QString m_bootstrap;
    QString m_topic;
};

void TestClusterSession::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("session"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 5, &error), qPrintable(error));
}

void TestClusterSession::cleanupTestCase()
{
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestClusterSession::startSession(Running &r, const ConnectionProfile &p, int refreshMs)
{
    r.session = new ClusterSession(p);
    r.session->setRefreshIntervalMs(refreshMs);
    r.session->moveToThread(&r.thread);
    r.thread.start();
    QMetaObject::invokeMethod(r.session, &ClusterSession::start, Qt::QueuedConnection);
}

void TestClusterSession::metadataEqualsKcat()
{
    Running r;
    startSession(r, brokerProfile());
    QTRY_VERIFY_WITH_TIMEOUT(r.session->status().state == SessionState::Connected, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(r.session->snapshot().topic(m_topic) != nullptr, 15000);
    const ClusterSnapshot ours = r.session->snapshot();

    const QJsonObject kcat = kcatMetadata(m_bootstrap).object();
    const QJsonArray brokers = kcat.value(u"brokers").toArray();
    QCOMPARE(ours.brokers.size(), brokers.size());
    for (int i = 0; i < brokers.size(); ++i) {
        const QJsonObject b = brokers[i].toObject();
        QCOMPARE(ours.brokers[i].id, b.value(u"id").toInt());
        QCOMPARE(QStringLiteral("%1:%2").arg(ours.brokers[i].host).arg(ours.brokers[i].port),
                 b.value(u"name").toString());
    }
    QCOMPARE(ours.controllerId, kcat.value(u"controllerid").toInt());
    // Racks come from DescribeCluster (broker.rack), set by tests/broker/kafka-broker.sh.
    QCOMPARE(ours.brokers.first().rack, QStringLiteral("kafkascope-test-rack"));
    int compared = 0;
    for (const QJsonValue &tv : kcat.value(u"topics").toArray()) {
        const QJsonObject t = tv.toObject();
        const TopicInfo *mine = ours.topic(t.value(u"topic").toString());
        QVERIFY2(mine, qPrintable(t.value(u"topic").toString()));
        const QJsonArray parts = t.value(u"partitions").toArray();
        QCOMPARE(mine->partitions.size(), parts.size());
        for (const QJsonValue &pv : parts) {
            const QJsonObject p = pv.toObject();
            const int id = p.value(u"partition").toInt();
            QCOMPARE(mine->partitions[id].leader, p.value(u"leader").toInt());
            QCOMPARE(mine->partitions[id].replicas.size(), p.value(u"replicas").toArray().size());
        }
        ++compared;
    }
    QVERIFY(compared >= 1);
    QCOMPARE(ours.topic(m_topic)->partitions.size(), 5);
}

void TestClusterSession::testConnectionReportsBrokers()
{
    const ConnectionTestResult r = testConnection(brokerProfile());
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.brokerCount, 1);
    QVERIFY(r.summary().contains(QStringLiteral("1 broker")));
}

void TestClusterSession::testConnectionNamesTheCause()
{
    ConnectionProfile p = brokerProfile();
    p.bootstrapServers = QStringLiteral("127.0.0.1:1"); // nothing listens on port 1
    const ConnectionTestResult r = testConnection(p, 3000);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("connection refused"), Qt::CaseInsensitive), qPrintable(r.error));
    QVERIFY2(r.elapsedMs < 1000, qPrintable(QString::number(r.elapsedMs))); // at once, not after the timeout

    ConnectionProfile bad = brokerProfile();
    bad.extraProperties = {{QStringLiteral("no.such.property"), QStringLiteral("1")}};
    const ConnectionTestResult r2 = testConnection(bad, 3000);
    QVERIFY(!r2.ok);
    QVERIFY2(r2.error.contains(QStringLiteral("no.such.property")), qPrintable(r2.error));
}

void TestClusterSession::brokerStopAndRestart()
{
    Running r;
    startSession(r, brokerProfile());
    QTRY_VERIFY_WITH_TIMEOUT(r.session->status().state == SessionState::Connected, 15000);

    QString error;
    QVERIFY2(stopBroker(&error), qPrintable(error));
    QElapsedTimer down;
    down.start();
    QTRY_VERIFY_WITH_TIMEOUT(r.session->status().state == SessionState::Disconnected, 20000);
    qInfo("disconnected %lld ms after the broker stopped", down.elapsed());
    const SessionStatus st = r.session->status();
    QVERIFY(st.retrying);
    QVERIFY2(st.lastError.contains(m_bootstrap.section(u':', 1)) || st.lastError.contains(QStringLiteral("down")),
             qPrintable(st.lastError));
    qInfo("error shown: %s", qPrintable(st.lastError));

    QVERIFY2(startBroker(&error), qPrintable(error));
    QElapsedTimer up;
    up.start();
    QTRY_VERIFY_WITH_TIMEOUT(r.session->status().state == SessionState::Connected, 30000);
    qInfo("reconnected %lld ms after the broker answered again", up.elapsed());
    QVERIFY(r.session->status().lastError.isEmpty());
}

KAFKASCOPE_CORE_TEST_MAIN(TestClusterSession)
#include "tst_cluster_session.moc"
