// The connection state machine, without a broker.

#include "cluster/session_state.h"
#include "test_main.h"

using namespace kafkascope;

class TestSessionState : public QObject
{
    Q_OBJECT
private slots:
    void lifecycle();
    void degradedAndBack();
    void lateAnswerAfterStopIsIgnored();
    void badConfigurationDoesNotRetry();
    void describedFromTheStatus();
    void repeatedFailureIsNotAChange();
};

void TestSessionState::lifecycle()
{
    SessionStateMachine m;
    QCOMPARE(m.state(), SessionState::Disconnected);
    QVERIFY(m.start());
    QCOMPARE(m.state(), SessionState::Connecting);
    QVERIFY(m.metadataSucceeded({}));
    QCOMPARE(m.state(), SessionState::Connected);
    QVERIFY(m.allBrokersDown(QStringLiteral("All brokers are down")));
    QCOMPARE(m.state(), SessionState::Disconnected);
    QVERIFY(m.status().retrying);
    QCOMPARE(m.status().lastError, QStringLiteral("All brokers are down"));
    QVERIFY(m.metadataSucceeded({})); // the cluster came back: reconnected by itself
    QCOMPARE(m.state(), SessionState::Connected);
    QVERIFY(m.status().lastError.isEmpty());
    QVERIFY(m.stop());
    QCOMPARE(m.state(), SessionState::Disconnected);
    QVERIFY(!m.status().retrying);
}

void TestSessionState::degradedAndBack()
{
    SessionStateMachine m;
    m.start();
    QVERIFY(m.metadataSucceeded(QStringLiteral("2 partition(s) offline")));
    QCOMPARE(m.state(), SessionState::Degraded);
    QCOMPARE(m.status().lastError, QStringLiteral("2 partition(s) offline"));
    QVERIFY(m.metadataSucceeded({}));
    QCOMPARE(m.state(), SessionState::Connected);
}

void TestSessionState::lateAnswerAfterStopIsIgnored()
{
    SessionStateMachine m;
    m.start();
    m.stop();
    QVERIFY(!m.metadataSucceeded({}));
    QVERIFY(!m.metadataFailed(QStringLiteral("x")));
    QCOMPARE(m.state(), SessionState::Disconnected);
}

void TestSessionState::badConfigurationDoesNotRetry()
{
    SessionStateMachine m;
    m.start();
    QVERIFY(m.failedToStart(QStringLiteral("Invalid configuration: ssl.ca.location: ...")));
    QCOMPARE(m.state(), SessionState::Disconnected);
    QVERIFY(!m.status().retrying);
    QCOMPARE(describe(m.status()), QStringLiteral("Disconnected, not retrying"));
    QVERIFY(m.start()); // the user may try again after fixing it
}

// Every view shows the state through describe(): it says "retrying" exactly when the
// session retries.
void TestSessionState::describedFromTheStatus()
{
    SessionStateMachine m;
    QCOMPARE(describe(m.status()), QStringLiteral("Disconnected"));
    m.start();
    QCOMPARE(describe(m.status()), QStringLiteral("Connecting"));
    m.metadataFailed(QStringLiteral("refused"));
    QCOMPARE(describe(m.status()), QStringLiteral("Disconnected, retrying"));
    m.metadataSucceeded({});
    QCOMPARE(describe(m.status()), QStringLiteral("Connected"));
    m.metadataSucceeded(QStringLiteral("1 broker down"));
    QCOMPARE(describe(m.status()), QStringLiteral("Degraded"));
    m.failedToStart(QStringLiteral("Invalid configuration"));
    QCOMPARE(describe(m.status()), QStringLiteral("Disconnected, not retrying"));
    m.stop();
    QCOMPARE(describe(m.status()), QStringLiteral("Disconnected"));
}

void TestSessionState::repeatedFailureIsNotAChange()
{
    SessionStateMachine m;
    m.start();
    QVERIFY(m.metadataFailed(QStringLiteral("refused")));
    QVERIFY(!m.metadataFailed(QStringLiteral("refused")));
    QVERIFY(m.metadataFailed(QStringLiteral("timed out")));
}

KAFKASCOPE_CORE_TEST_MAIN(TestSessionState)
#include "tst_session_state.moc"
