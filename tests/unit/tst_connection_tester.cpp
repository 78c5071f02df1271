// "Test connection" against ports that are no Kafka broker, served by QTcpServer in this
// process: one that answers like HTTP, one that accepts and never answers, and a closed
// port. Each failure is named in words, and as soon as it is known.

#include "cluster/connection_tester.h"
#include "test_main.h"

#include <QFutureWatcher>
#include <QTcpServer>
#include <QTcpSocket>

using namespace kafkascope;

class TestConnectionTester : public QObject
{
    Q_OBJECT
private slots:
    void failuresAreNamed_data();
    void failuresAreNamed();
};

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
