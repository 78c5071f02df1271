// "Test connection" against ports that are no Kafka broker, served by QTcpServer in this
// process: one that answers like HTTP, one that accepts and never answers, and a closed
// port. Each failure is named in words, and as soon as it is known: by "Test connection" and
// by a running cluster session, whose state text the sidebar and the Overview show.

#include "cluster/cluster_session.h"
#include "cluster/connection_tester.h"
#include "test_main.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QThread>
#include <QTcpServer>
#include <QTcpSocket>

using namespace kafkascope;

class TestConnectionTester : public QObject
{
    Q_OBJECT
private slots:
    void failuresAreNamed_data();
    void failuresAreNamed();
    void runningSessionSaysWhy_data();
    void runningSessionSaysWhy();

private:
    // Serves `kind` (http, silent, closed) on a loopback port of its own; returns the port.
    quint16 serve(QTcpServer &listener, const QString &kind, QList<QTcpSocket *> &held);
};

quint16 TestConnectionTester::serve(QTcpServer &listener, const QString &kind, QList<QTcpSocket *> &held)
{
    if (!listener.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = listener.serverPort();
    connect(&listener, &QTcpServer::newConnection, this, [&listener, &held, kind] {
        while (QTcpSocket *s = listener.nextPendingConnection()) {
            held << s;
            if (kind == u"http")
                connect(s, &QTcpSocket::readyRead, s, [s] {
                    s->readAll();
                    s->write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nBad Request");
                    s->disconnectFromHost();
                });
        }
    });
    if (kind == u"closed")
        listener.close(); // the port was free a moment ago: nothing listens now
    return port;
}

void TestConnectionTester::runningSessionSaysWhy_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("atMostMs");
    // Refused and HTTP are known within milliseconds; silence after the check's 3 s, shown
    // when the session's own metadata request (5 s) gives up.
    QTest::newRow("HTTP server") << "http" << "127.0.0.1:%1 is not a Kafka broker (it answered like HTTP" << 2000;
    QTest::newRow("silent listener") << "silent" << "no answer from 127.0.0.1:%1 within 3 s" << 8000;
    QTest::newRow("closed port") << "closed" << "connection refused by 127.0.0.1:%1" << 2000;
}

// A session started on a port that is no Kafka broker says why in its state text, in words,
// as soon as it is known (librdkafka says "Invalid response size 1008813135", "Broker
// transport failure" or nothing at all).
void TestConnectionTester::runningSessionSaysWhy()
{
    QFETCH(QString, server);
    QFETCH(QString, expected);
    QFETCH(int, atMostMs);
    QTcpServer listener;
    QList<QTcpSocket *> held;
    const quint16 port = serve(listener, server, held);
    QVERIFY(port);

    ConnectionProfile p;
    p.id = ConnectionProfile::newId();
    p.name = QStringLiteral("not kafka");
    p.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
    QThread worker;
    auto *session = new ClusterSession(p);
    session->moveToThread(&worker);
    worker.start();
    QElapsedTimer timer;
    timer.start();
    QMetaObject::invokeMethod(session, &ClusterSession::start, Qt::QueuedConnection);
    const QString want = expected.arg(port);
    QTRY_VERIFY2_WITH_TIMEOUT(session->status().lastError.contains(want), qPrintable(session->status().lastError), 15000);
    const qint64 elapsed = timer.elapsed();
    const SessionStatus st = session->status();
    QCOMPARE(st.state, SessionState::Disconnected);
    QVERIFY(st.retrying);
    QVERIFY2(st.lastError.startsWith(QStringLiteral("Cannot reach the cluster at 127.0.0.1:%1: ").arg(port)),
             qPrintable(st.lastError));
    QVERIFY2(elapsed <= atMostMs, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));

    QMetaObject::invokeMethod(session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(session, &QObject::deleteLater, Qt::QueuedConnection);
    worker.quit();
    QVERIFY(worker.wait(10000));
    qDeleteAll(held);
}

void TestConnectionTester::failuresAreNamed_data()
{
    QTest::addColumn<QString>("server"); // http, silent, closed
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("atLeastMs");
    QTest::addColumn<int>("atMostMs");
    QTest::newRow("HTTP server") << "http" << "is not a Kafka broker (it answered like HTTP" << 0 << 1500;
    QTest::newRow("silent listener") << "silent" << "no answer from 127.0.0.1:%1 within 2 s" << 1900 << 4000;
    QTest::newRow("closed port") << "closed" << "connection refused by 127.0.0.1:%1" << 0 << 1000;
}

void TestConnectionTester::failuresAreNamed()
{
    QFETCH(QString, server);
    QFETCH(QString, expected);
    QFETCH(int, atLeastMs);
    QFETCH(int, atMostMs);
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    const quint16 port = listener.serverPort();
    QList<QTcpSocket *> held;
    connect(&listener, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = listener.nextPendingConnection()) {
            held << s;
            if (server == u"http")
                connect(s, &QTcpSocket::readyRead, s, [s] {
                    s->readAll();
                    s->write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nBad Request");
                    s->disconnectFromHost();
                });
        }
    });
    if (server == u"closed")
        listener.close(); // the port was free a moment ago: nothing listens now

    ConnectionProfile p;
    p.name = QStringLiteral("not kafka");
    p.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(port);
    QFutureWatcher<ConnectionTestResult> watcher;
    watcher.setFuture(testConnectionAsync(p, 2000));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.isFinished(), 15000);
    const ConnectionTestResult r = watcher.result();
    QVERIFY(!r.ok);
    const QString want = expected.contains(u"%1") ? expected.arg(port) : expected;
    QVERIFY2(r.error.contains(want, Qt::CaseInsensitive), qPrintable(r.error));
    QVERIFY2(r.elapsedMs >= atLeastMs && r.elapsedMs <= atMostMs, qPrintable(QString::number(r.elapsedMs)));
    qDeleteAll(held);
}

KAFKASCOPE_CORE_TEST_MAIN(TestConnectionTester)
#include "tst_connection_tester.moc"
