// Stopping the telemetry ingest never waits on a broker that does not answer. A listening
// socket that accepts connections and never replies stands in for a hung broker: the
// ingest's metadata request to it would block for its full timeout.

#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"
#include "test_main.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

using namespace kafkascope;

namespace {

// Accepts every connection, reads what clients send and never answers.
class HungBroker : public QObject
{
public:
    HungBroker()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++m_open;
                connect(s, &QTcpSocket::readyRead, this, [this, s] { m_received += s->readAll().size(); });
                connect(s, &QTcpSocket::disconnected, this, [this] { --m_open; });
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }
    qint64 bytesReceived() const { return m_received; }
    int openConnections() const { return m_open; }

private:
    QTcpServer m_server;
    qint64 m_received = 0;
    int m_open = 0;
};

ConnectionProfile profileFor(const HungBroker &broker)
{
    ConnectionProfile p;
    p.id = ConnectionProfile::newId();
    p.name = QStringLiteral("hung");
    p.bootstrapServers = broker.address();
    return p;
}

} // namespace

class TestTelemetryIngestStop : public QObject
{
    Q_OBJECT
private slots:
    void stopDoesNotWaitForAHungBroker();
};

void TestTelemetryIngestStop::stopDoesNotWaitForAHungBroker()
{
    HungBroker broker;
    auto store = std::make_shared<TelemetryStore>();
    IngestConfig c;
    c.topics = {QStringLiteral("telemetry")};

    // One ingest is stopped and kept, the other destroyed, both while their first request
    // to the broker is unanswered.
    TelemetryIngest kept(profileFor(broker), store);
    QSignalSpy published(&kept, &TelemetryIngest::statusChanged);
    auto dropped = std::make_unique<TelemetryIngest>(profileFor(broker), store);
    kept.start(c);
    dropped->start(c);
    QTRY_VERIFY_WITH_TIMEOUT(broker.openConnections() >= 2 && broker.bytesReceived() > 0, 10000);

    kept.stop();
    dropped.reset();
    // Had stop() waited for the run, the run would have failed on its request's timeout.
    QCOMPARE(kept.status().state, IngestStatus::State::Stopped);
    const qsizetype publishedAtStop = published.size();

    // The abandoned runs end by themselves once their requests time out: their clients
    // hang up. Neither reports to its (possibly destroyed) owner or writes to the store.
    QTRY_COMPARE_WITH_TIMEOUT(broker.openConnections(), 0, 60000);
    QCOMPARE(published.size(), publishedAtStop);
    QCOMPARE(kept.status().state, IngestStatus::State::Stopped);
    QCOMPARE(store->totals().messages, 0);
}

KAFKASCOPE_CORE_TEST_MAIN(TestTelemetryIngestStop)
#include "tst_telemetry_ingest_stop.moc"
