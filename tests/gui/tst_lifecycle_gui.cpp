// Lifecycle against a hung broker: each panel, dialog and service is opened against the real
// fixture broker, its slowest request is started, the broker is frozen with SIGSTOP, and it
// is closed. Closing must return at once and the event loop must keep ticking (< 100 ms
// between ticks); the process must quit within 2 s. The broker is resumed (SIGCONT) after
// each case, so the suite runs alone (RESTARTS_BROKER).

#include "cluster/cluster_manager.h"
#include "cluster/cluster_session.h"
#include "alerts/alert_watcher.h"
#include "alerts/alerts_panel.h"
#include "connections/connection_dialog.h"
#include "groups/groups_panel.h"
#include "overview/overview_panel.h"
#include "telemetry/telemetry_panel.h"
#include "throughput/partitions_panel.h"
#include "throughput/throughput_panel.h"
#include "topics/topics_panel.h"
#include "groups/reset_offsets_dialog.h"
#include "jobs/job_runner.h"
#include "messages/message_browser.h"
#include "messages/produce_dialog.h"
#include "profiles/profile_store.h"
#include "topics/topic_admin.h"
#include "group_support.h"
#include "test_main.h"
#include "session_on_thread.h"
#include "test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>
#include <QTimer>

#include <csignal>
#include <sys/types.h>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {

constexpr qint64 kMaxLatencyMs = 100;
constexpr int kProbeWindowMs = 600; // how long the event loop is watched after a close

// Ticks every 5 ms and remembers the longest gap between two ticks: how long the event loop
// was held up.
class LatencyProbe : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_maxGap = std::max(m_maxGap, m_last.restart());
        });
    }
    void start()
    {
        m_maxGap = 0;
        m_since.start();
        m_last.start();
        m_timer.start();
    }
    qint64 maxGapMs() const { return std::max(m_maxGap, m_last.elapsed()); }
    qint64 runningMs() const { return m_since.elapsed(); }

private:
    QTimer m_timer;
    QElapsedTimer m_last, m_since;
    qint64 m_maxGap = 0;
};

pid_t brokerPid()
{
    QFile f(QDir(qEnvironmentVariable("KAFKASCOPE_BROKER_DIR")).filePath(QStringLiteral("pid")));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return pid_t(f.readAll().trimmed().toLongLong());
}

// Freezes the broker for its lifetime: connections stay open, no request is ever answered.
class FrozenBroker
{
public:
    FrozenBroker() : m_pid(brokerPid())
    {
        if (m_pid > 0)
            ::kill(m_pid, SIGSTOP);
    }
    ~FrozenBroker() { thaw(); }
    void thaw()
    {
        if (m_pid > 0)
            ::kill(m_pid, SIGCONT);
        m_pid = 0;
    }
    bool ok() const { return m_pid > 0; }

private:
    pid_t m_pid;
};

} // namespace

class TestLifecycleGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void closeWhileHung_data();
    void closeWhileHung();
    void disconnectWhileHung();
    void quitWhileHung();
    void cleanupTestCase();

private:
    // Measures `close` and the event loop after it; fails past kMaxLatencyMs.
    void closeAndMeasure(const std::function<void()> &close);
    void waitBrokerBack();

    QString m_bootstrap, m_topic, m_group;
    QTemporaryDir m_settings;
    std::unique_ptr<SessionOnThread> m_cluster;
    ClusterSession *m_session = nullptr;
};

void TestLifecycleGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    QVERIFY2(brokerPid() > 0, "the fixture broker's pid file is missing");
    m_topic = uniqueName(QStringLiteral("lifecycle"));
    m_group = uniqueName(QStringLiteral("lifecycle-group"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, 2, &error), qPrintable(error));
    QVERIFY2(produceToPartition(m_bootstrap, m_topic, 0, 20, &error), qPrintable(error));
    QVERIFY2(commitOffsets(m_bootstrap, m_group, m_topic, {{0, 5}}, &error), qPrintable(error));
    m_cluster = std::make_unique<SessionOnThread>(brokerProfile());
    m_session = m_cluster->session();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(m_topic) != nullptr, 20000);
}

void TestLifecycleGui::cleanupTestCase()
{
    if (const pid_t pid = brokerPid(); pid > 0)
        ::kill(pid, SIGCONT); // whatever happened, leave the broker running
    m_cluster.reset(); // stops and joins the session
    m_session = nullptr;
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestLifecycleGui::waitBrokerBack()
{
    const qint64 before = m_session->snapshot().fetchedAt.toMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().fetchedAt.toMSecsSinceEpoch() > before, 30000);
}

void TestLifecycleGui::closeAndMeasure(const std::function<void()> &close)
{
    LatencyProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();
    close();
    const qint64 closeMs = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(probe.runningMs() >= kProbeWindowMs, 5000);
    qInfo("close took %lld ms; longest event loop gap %lld ms", closeMs, probe.maxGapMs());
    QVERIFY2(closeMs < kMaxLatencyMs, qPrintable(QStringLiteral("closing took %1 ms").arg(closeMs)));
    QVERIFY2(probe.maxGapMs() < kMaxLatencyMs,
             qPrintable(QStringLiteral("the event loop stood still for %1 ms").arg(probe.maxGapMs())));
}

void TestLifecycleGui::closeWhileHung_data()
{
    QTest::addColumn<QString>("what");
    for (const char *what : {"groups panel", "reset offsets dialog", "message browser", "topic admin", "produce dialog",
                             "overview panel", "topics panel", "throughput panel", "partitions panel",
                             "telemetry panel", "alerts panel", "connection test"})
        QTest::newRow(what) << QString::fromLatin1(what);
}

void TestLifecycleGui::closeWhileHung()
{
    QFETCH(QString, what);
    std::unique_ptr<FrozenBroker> frozen;
    std::function<void()> close;
    QFuture<AdminResult> adminAnswer;

    if (what == u"groups panel") {
        auto *panel = new GroupsPanel(m_session, m_group);
        panel->show();
        QTRY_VERIFY_WITH_TIMEOUT(panel->monitor()->report().at.isValid(), 20000);
        frozen = std::make_unique<FrozenBroker>();
        QMetaObject::invokeMethod(panel->monitor(), &GroupMonitor::pollNow, Qt::QueuedConnection);
        close = [panel] { delete panel; };
    } else if (what == u"reset offsets dialog") {
        auto *dialog = new ResetOffsetsDialog(m_session, m_group, {m_topic});
        dialog->show();
        frozen = std::make_unique<FrozenBroker>();
        auto *preview = dialog->findChild<QPushButton *>(QStringLiteral("previewButton"));
        QVERIFY(preview && preview->isEnabled());
        QTest::mouseClick(preview, Qt::LeftButton);
        QVERIFY(dialog->statusText().contains(u"Reading"));
        close = [dialog] { delete dialog; };
    } else if (what == u"message browser") {
        auto *browser = new MessageBrowser(m_session->profile());
        bool opened = false;
        connect(browser, &MessageBrowser::opened, browser, [&opened] { opened = true; });
        browser->open(1, m_topic, {0}, {StartPosition::Beginning, 0});
        QTRY_VERIFY_WITH_TIMEOUT(opened, 20000);
        frozen = std::make_unique<FrozenBroker>();
        browser->requestPage(1, m_topic, 0, 0, 20); // a fetch that will wait out its timeout
        close = [browser] { delete browser; };
    } else if (what == u"topic admin") {
        auto *admin = new TopicAdmin(m_session);
        frozen = std::make_unique<FrozenBroker>();
        NewTopicSpec spec;
        spec.name = uniqueName(QStringLiteral("lifecycle-created"));
        spec.partitions = 1;
        spec.replicationFactor = 1;
        adminAnswer = admin->createTopic(spec, false);
        close = [admin] { delete admin; }; // Qt 6.4 asserted here with QFuture::then(this)
    } else if (what == u"produce dialog") {
        auto *dialog = new ProduceDialog(m_session, m_topic);
        dialog->show();
        frozen = std::make_unique<FrozenBroker>();
        dialog->findChild<QLineEdit *>(QStringLiteral("produceKey"))->setText(QStringLiteral("k"));
        auto *send = dialog->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QTest::mouseClick(send, Qt::LeftButton);
        QCOMPARE(send->text(), QStringLiteral("Cancel")); // sending
        close = [dialog] { delete dialog; };
    } else if (what == u"connection test") {
        auto *dialog = new ConnectionDialog(brokerProfile(QStringLiteral("lifecycle-test")));
        dialog->show();
        frozen = std::make_unique<FrozenBroker>();
        auto *test = dialog->findChild<QPushButton *>(QStringLiteral("testButton"));
        QVERIFY(test && test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton); // a metadata request that will wait out its timeout
        close = [dialog] { delete dialog; };
    } else {
        // The panels that read the session's pollers and its own services: opened and fed,
        // then the broker freezes while they keep asking (the topics panel asks for configs).
        QWidget *panel = nullptr;
        if (what == u"overview panel")
            panel = new OverviewPanel(m_session);
        else if (what == u"topics panel")
            panel = new TopicsPanel(m_session, m_topic);
        else if (what == u"throughput panel")
            panel = new ThroughputPanel(m_session, m_topic);
        else if (what == u"partitions panel")
            panel = new PartitionsPanel(m_session, m_topic);
        else if (what == u"telemetry panel")
            panel = new TelemetryPanel(m_session, m_topic); // starts consuming the topic
        else if (what == u"alerts panel") {
            // With the session's alert watcher running, as the workspace attaches it.
            AlertWatcher::attach(m_session, m_settings.filePath(QStringLiteral("alerts.ini")));
            panel = new AlertsPanel(m_session);
        }
        QVERIFY2(panel, qPrintable(what));
        panel->resize(1000, 700);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel));
        frozen = std::make_unique<FrozenBroker>();
        QMetaObject::invokeMethod(m_session, &ClusterSession::refreshNow, Qt::QueuedConnection);
        close = [panel, id = m_session->id()] {
            delete panel;
            AlertWatcher::detach(id); // a no-op unless attached above
        };
    }
    QVERIFY(frozen && frozen->ok());
    closeAndMeasure(close);
    frozen->thaw();
    if (adminAnswer.isValid()) // the answer still reaches whoever watches the future
        QTRY_VERIFY_WITH_TIMEOUT(adminAnswer.isFinished(), 30000);
    waitBrokerBack();
}

void TestLifecycleGui::disconnectWhileHung()
{
    // The fixture's own session keeps its pollers' threads; only what this case starts must end.
    const int before = JobRunner::liveThreads();
    auto *clusters = new ClusterManager;
    ClusterSession *s = clusters->open(brokerProfile(QStringLiteral("disconnect")));
    QTRY_VERIFY_WITH_TIMEOUT(s->snapshot().topic(m_topic) != nullptr, 20000);
    FrozenBroker frozen;
    QVERIFY(frozen.ok());
    QMetaObject::invokeMethod(s, &ClusterSession::refreshNow, Qt::QueuedConnection); // 5 s metadata request
    closeAndMeasure([clusters, s] { clusters->close(s->id()); });
    auto *other = clusters->open(brokerProfile(QStringLiteral("second")));
    QVERIFY(other);
    closeAndMeasure([clusters] { delete clusters; }); // what quitting does
    frozen.thaw();
    waitBrokerBack();
    // Every abandoned worker (sessions, their pollers and jobs) ends once the broker answers.
    QTRY_VERIFY_WITH_TIMEOUT(JobRunner::liveThreads() <= before, 30000);
}

void TestLifecycleGui::quitWhileHung()
{
    // The real app, with a saved profile for the fixture broker open and the Groups, Topics
    // and Messages panels shown, quits while the broker is frozen.
    const QString app = QStringLiteral(KAFKASCOPE_APP_PATH);
    QVERIFY2(QFile::exists(app), qPrintable(app));
    QTemporaryDir dir;
    const QString settingsFile = dir.filePath(QStringLiteral("kafkascope.ini"));
    const ConnectionProfile profile = brokerProfile(QStringLiteral("quit"));
    {
        ProfileStore store(settingsFile);
        store.save(profile);
        store.setLastOpenClusters({profile.id});
    }
    for (const char *panel : {"groups", "topics", "browser", "overview", "telemetry", "throughput", "alerts"}) {
        FrozenBroker frozen; // frozen before start: every request of the app hangs
        QVERIFY(frozen.ok());
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("KAFKASCOPE_NO_KEYCHAIN"), QStringLiteral("1"));
        process.setProcessEnvironment(env);
        constexpr int kQuitAfterMs = 1500;
        QElapsedTimer clock;
        clock.start();
        process.start(app, {QStringLiteral("--settings"), settingsFile, QStringLiteral("--panel"),
                            QString::fromLatin1(panel), QStringLiteral("--quit-after"), QString::number(kQuitAfterMs)});
        QVERIFY(process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
        const qint64 lived = clock.elapsed();
        qInfo("%s: quit %d ms after start, gone after %lld ms", panel, kQuitAfterMs, lived);
        // Start-up counts against the 2 s too, so this is stricter than "gone 2 s after quit".
        QVERIFY2(lived < kQuitAfterMs + 2000, qPrintable(QStringLiteral("the process lived %1 ms").arg(lived)));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        frozen.thaw();
        waitBrokerBack();
    }
}

KAFKASCOPE_GUI_TEST_MAIN(TestLifecycleGui)
#include "tst_lifecycle_gui.moc"
