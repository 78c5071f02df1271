// Panels that lead to one another, in the main window on the demo cluster: a point of a
// throughput or partition chart opens the message browser at that time and partition, and
// records selected in the browser replay into the telemetry charts, which then hold exactly
// their time span.

#include "demo/demo_cluster.h"
#include "messages/browser_panel.h"
#include "models/cluster_tree_model.h"
#include "shell/cluster_sidebar.h"
#include "overview/overview_panel.h"
#include "sparkline.h"
#include "throughput/offset_poller.h"
#include "throughput/partitions_panel.h"
#include "shell/main_window.h"
#include "models/broker_table_model.h"
#include "models/message_table_model.h"
#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_panel.h"
#include "telemetry/telemetry_store.h"
#include "test_main.h"
#include "test_support.h"
#include "throughput/throughput_panel.h"
#include "cluster/workspace.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTreeView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTabBar>
#include <QTemporaryDir>

using namespace kafkascope;
using namespace kafkascope::testing;

namespace {
// The newest record's timestamp in a partition, read by kcat (an independent client);
// -1 while the partition holds none.
qint64 newestTimestamp(const QString &bootstrap, const QString &topic, int partition)
{
    const ProcessResult r = run(QStringLiteral("kcat"), {QStringLiteral("-C"), QStringLiteral("-e"), QStringLiteral("-J"),
                                                         QStringLiteral("-q"), QStringLiteral("-b"), bootstrap,
                                                         QStringLiteral("-t"), topic, QStringLiteral("-p"),
                                                         QString::number(partition), QStringLiteral("-o"), QStringLiteral("-5")});
    qint64 newest = -1;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.trimmed().isEmpty())
            newest = std::max(newest, QJsonDocument::fromJson(line).object().value(u"ts").toInteger(-1));
    return newest;
}
} // namespace

class TestPanelLinksGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void chartPointOpensBrowserAtThatTime();
    void browserSelectionReplaysIntoCharts();
    void sidebarTopicMenuActsOnThatTopic();
    void overviewIsALiveDashboard();
    void overviewShowsTheDemosRacksAndController();
    void messagesOpensOnTheBusiestTopic();
    void sixTabsShowWholeTitles();
    void cleanupTestCase();

private:
    template<typename Panel> Panel *waitForPanel(const QString &kind);
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

template<typename Panel> Panel *TestPanelLinksGui::waitForPanel(const QString &kind)
{
    QWidget *w = nullptr;
    // qWaitFor, not QTRY_*: QTRY_* would return from this helper with no value.
    const bool found = QTest::qWaitFor([&] { return (w = m_window->findPanel(Workspace::kDemoId, kind)) != nullptr; }, 20000);
    return found ? qobject_cast<Panel *>(w) : nullptr;
}

void TestPanelLinksGui::initTestCase()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("links.ini"));
    options.startDemo = true;
    options.demoRate = 300;
    options.openPanels = {QStringLiteral("throughput")};
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1500, 950);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(waitForPanel<ThroughputPanel>(QStringLiteral("throughput")));
}

void TestPanelLinksGui::cleanupTestCase()
{
    m_window.reset();
}

void TestPanelLinksGui::chartPointOpensBrowserAtThatTime()
{
    auto *throughput = waitForPanel<ThroughputPanel>(QStringLiteral("throughput"));
    QVERIFY(throughput);
    // Records on both sides of the chosen time, so that the browser has some to leave out:
    // read by kcat, not through the app.
    const QString bootstrap = m_window->workspace()->demo()->bootstrapServers();
    QTRY_VERIFY_WITH_TIMEOUT(newestTimestamp(bootstrap, QStringLiteral("tb.telemetry"), 2) >= 0, 20000);
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(newestTimestamp(bootstrap, QStringLiteral("tb.telemetry"), 2) > at, 20000);
    // What the chart's context menu emits (its action is driven in tst_offsets_panels_gui).
    emit throughput->openMessagesRequested(QStringLiteral("tb.telemetry"), 2, at);

    auto *browser = qobject_cast<BrowserPanel *>(m_window->tabs()->currentWidget());
    QVERIFY2(browser, "the Messages panel comes to the front");
    QTRY_COMPARE_WITH_TIMEOUT(browser->currentTopic(), QStringLiteral("tb.telemetry"), 10000);
    MessageTableModel *messages = browser->model();
    QTRY_VERIFY2_WITH_TIMEOUT(messages->rowCount() > 0 && messages->messageAt(0) != nullptr,
                              qPrintable(browser->statusText()), 20000);
    const int n = std::min(messages->rowCount(), 50);
    for (int row = 0; row < n; ++row) {
        QTRY_VERIFY(messages->messageAt(row) != nullptr);
        const KafkaMessage *m = messages->messageAt(row);
        QCOMPARE(m->partition, 2);
        QVERIFY2(m->timestamp >= at, qPrintable(QStringLiteral("row %1 at %2 < %3").arg(row).arg(m->timestamp).arg(at)));
    }
}

void TestPanelLinksGui::browserSelectionReplaysIntoCharts()
{
    m_window->openPanel(Workspace::kDemoId, QStringLiteral("browser"), QStringLiteral("tb.telemetry"));
    auto *browser = waitForPanel<BrowserPanel>(QStringLiteral("browser"));
    QVERIFY(browser);
    MessageTableModel *messages = browser->model();
    QTRY_VERIFY2_WITH_TIMEOUT(messages->rowCount() >= 10 && messages->messageAt(9) != nullptr,
                              qPrintable(browser->statusText()), 20000);
    browser->table()->selectionModel()->select(QItemSelection(messages->index(0, 0), messages->index(9, 0)),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const auto [fromMs, toMs] = browser->selectedTimeRange();
    QVERIFY(fromMs > 0 && toMs >= fromMs);

    auto *button = browser->findChild<QPushButton *>(QStringLiteral("replayChartsButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    auto *telemetry = qobject_cast<TelemetryPanel *>(m_window->tabs()->currentWidget());
    QVERIFY2(telemetry, "the Telemetry panel comes to the front");
    QCOMPARE(telemetry->ingest()->config().startMs, fromMs);
    QCOMPARE(telemetry->ingest()->config().endMs, toMs);
    QTRY_COMPARE_WITH_TIMEOUT(int(telemetry->ingest()->status().state), int(IngestStatus::State::Finished), 30000);

    // Every point held lies in the replayed span (a payload's ts is taken a few ms before its
    // record's timestamp, hence a second of slack), and there are points.
    const auto store = telemetry->store();
    QVERIFY(store->totals().points > 0);
    std::vector<SeriesPoint> points;
    for (const DeviceSummary &device : store->devices()) {
        for (const KeySummary &key : store->keys(device.index)) {
            points.clear();
            store->copySince(device.index, key.index, 0, points);
            for (const SeriesPoint &p : points)
                QVERIFY2(p.t >= (fromMs - 1000) / 1000.0 && p.t <= (toMs + 1000) / 1000.0,
                         qPrintable(QStringLiteral("%1 at %2 s outside [%3, %4] ms")
                                        .arg(device.name)
                                        .arg(p.t, 0, 'f', 3)
                                        .arg(fromMs)
                                        .arg(toMs)));
        }
    }

    // With nothing selected the browser says what to do and nothing else happens.
    m_window->tabs()->setCurrentWidget(browser);
    browser->table()->clearSelection();
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(m_window->tabs()->currentWidget(), browser);
    QVERIFY(browser->statusText().contains(QStringLiteral("Select the records")));
}

namespace {
// The sidebar row of `name` (a topic or group) in the view's own model.
QModelIndex sidebarRow(QAbstractItemModel *model, const QString &name, ClusterTreeModel::Kind kind, const QModelIndex &parent = {})
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data(ClusterTreeModel::KindRole).toInt() == int(kind) && i.data(ClusterTreeModel::NameRole).toString() == name)
            return i;
        if (const QModelIndex found = sidebarRow(model, name, kind, i); found.isValid())
            return found;
    }
    return {};
}
} // namespace

// What the issue saw: right-click a topic, "Open Messages" opened the alphabetically first
// topic, and the menu offered "Remove connection". A topic's menu acts on that topic and
// offers topic actions only; Ctrl+5 with a topic selected opens it too.
void TestPanelLinksGui::sidebarTopicMenuActsOnThatTopic()
{
    ClusterSidebar *sidebar = m_window->sidebar();
    QTreeView *view = sidebar->view();
    QModelIndex devices;
    QTRY_VERIFY_WITH_TIMEOUT((devices = sidebarRow(view->model(), QStringLiteral("tb.devices"), ClusterTreeModel::Kind::Topic)).isValid(), 15000);
    QMenu menu;
    emit sidebar->contextMenuRequested(sidebar->sourceIndex(devices), &menu);
    QStringList texts;
    QAction *openMessages = nullptr;
    for (QAction *a : menu.actions()) {
        texts << a->text();
        if (a->text() == u"Open Messages")
            openMessages = a;
    }
    QVERIFY2(openMessages, qPrintable(texts.join(u'|')));
    for (const QString &t : std::as_const(texts)) // no cluster actions on a topic
        QVERIFY2(!t.contains(u"connection") && t != u"Disconnect" && t != u"Connect" && t != u"Open Overview"
                     && t != u"Open Consumer groups",
                 qPrintable(texts.join(u'|')));
    openMessages->trigger();
    BrowserPanel *browser = waitForPanel<BrowserPanel>(QStringLiteral("browser"));
    QVERIFY(browser);
    QTRY_COMPARE_WITH_TIMEOUT(browser->currentTopic(), QStringLiteral("tb.devices"), 5000);

    // Ctrl+5 with another topic selected in the sidebar.
    const QModelIndex attributes = sidebarRow(view->model(), QStringLiteral("tb.attributes"), ClusterTreeModel::Kind::Topic);
    QVERIFY(attributes.isValid());
    view->setCurrentIndex(attributes);
    QAction *ctrl5 = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>())
        if (a->shortcut() == QKeySequence(QStringLiteral("Ctrl+5")))
            ctrl5 = a;
    QVERIFY(ctrl5);
    ctrl5->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(browser->currentTopic(), QStringLiteral("tb.attributes"), 5000);
}

// The first screen on the demo: every figure is the one the app's own sources hold (the
// offset poller, the group monitor, the demo's devices), and each element opens its panel.
void TestPanelLinksGui::overviewIsALiveDashboard()
{
    auto *overview = qobject_cast<OverviewPanel *>(m_window->openPanel(Workspace::kDemoId, QStringLiteral("overview")));
    QVERIFY(overview);
    ClusterSession *session = m_window->workspace()->clusters().session(Workspace::kDemoId);
    QVERIFY(session);
    const OffsetHistory &history = OffsetPoller::forSession(session)->history();
    QTRY_VERIFY_WITH_TIMEOUT(overview->throughputNow() > 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(overview->throughputNow(), history.latest().clusterRate, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(overview->sparkline()->times().size() >= 2, 20000);
    QCOMPARE(overview->busiestTopics().value(0), QStringLiteral("tb.telemetry")); // 50 sensors outpace 5 trackers
    // The demo's two groups, known although the mock cannot list groups.
    QTRY_COMPARE_WITH_TIMEOUT(overview->findChild<QLabel *>(QStringLiteral("groupCount"))->property("value").toInt(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(overview->laggingGroups().size(), 2, 30000);
    for (const QString &g : DemoCluster::groupIds())
        QVERIFY(overview->laggingGroups().contains(g));
    const QString groupsTile = overview->findChild<QLabel *>(QStringLiteral("laggingGroupsTile"))->text();
    QVERIFY2(!groupsTile.contains(QStringLiteral("UNSUPPORTED")), qPrintable(groupsTile));
    // Every simulated device, and none stale while the demo runs.
    QTRY_COMPARE_WITH_TIMEOUT(overview->deviceCount(), DemoCluster::kDevices + DemoCluster::kTrackers, 30000);
    QCOMPARE(overview->staleDeviceCount(), 0);
    QVERIFY2(overview->healthText().contains(QStringLiteral("Healthy")), qPrintable(overview->healthText()));
    // A topic of the busiest list opens its partitions.
    overview->findChild<QLabel *>(QStringLiteral("busiestTopicsTile"))->linkActivated(QStringLiteral("partitions:tb.telemetry"));
    auto *partitions = qobject_cast<PartitionsPanel *>(m_window->tabs()->currentWidget());
    QVERIFY(partitions);
    QCOMPARE(partitions->topic(), QStringLiteral("tb.telemetry"));
}

// The demo gives its mock brokers racks, which the mock cannot report (no DescribeCluster, and
// librdkafka's metadata API drops racks): the demo's own figures stand in, never "—". The mock
// runs no controller, and the Overview says so instead of "unknown".
void TestPanelLinksGui::overviewShowsTheDemosRacksAndController()
{
    auto *overview = qobject_cast<OverviewPanel *>(m_window->openPanel(Workspace::kDemoId, QStringLiteral("overview")));
    QVERIFY(overview);
    auto *brokers = overview->findChild<QTableView *>(QStringLiteral("brokerTable"));
    QVERIFY(brokers);
    QAbstractItemModel *model = brokers->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), DemoCluster::kBrokers, 20000);
    const QHash<int, QString> racks = DemoCluster::racks();
    QCOMPARE(racks.size(), DemoCluster::kBrokers);
    for (int row = 0; row < model->rowCount(); ++row) {
        const int id = model->index(row, BrokerTableModel::Id).data().toInt();
        QTRY_COMPARE_WITH_TIMEOUT(model->index(row, BrokerTableModel::Rack).data().toString(), racks.value(id), 10000);
    }
    QCOMPARE(racks.value(1), QStringLiteral("rack-a"));
    const QString ids = overview->findChild<QLabel *>(QStringLiteral("clusterIdLabel"))->text();
    QVERIFY2(ids.contains(QStringLiteral("Controller: none")), qPrintable(ids));
    QVERIFY2(!ids.contains(QStringLiteral("unknown")), qPrintable(ids));
}

void TestPanelLinksGui::messagesOpensOnTheBusiestTopic()
{
    // Opened with no topic (Ctrl+5 on the cluster): not the alphabetically first ("alarms",
    // empty) but the busiest, and the status says what the range holds.
    if (QWidget *open = m_window->findPanel(Workspace::kDemoId, QStringLiteral("browser"))) {
        m_window->tabs()->removeTab(m_window->tabs()->indexOf(open));
        open->deleteLater();
    }
    auto *browser = qobject_cast<BrowserPanel *>(m_window->openPanel(Workspace::kDemoId, QStringLiteral("browser")));
    QVERIFY(browser);
    QTRY_COMPARE_WITH_TIMEOUT(browser->currentTopic(), QStringLiteral("tb.telemetry"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(browser->statusText().contains(QStringLiteral("message(s)")), 20000);
    // "holds N", or "held N at hh:mm:ss" when the poller's round is older than the range.
    QVERIFY2(browser->statusText().contains(QStringLiteral("the topic holds"))
                 || browser->statusText().contains(QStringLiteral("the topic held")),
             qPrintable(browser->statusText()));
}

void TestPanelLinksGui::sixTabsShowWholeTitles()
{
    for (const QString &kind : {QStringLiteral("overview"), QStringLiteral("topics"), QStringLiteral("throughput"),
                                QStringLiteral("partitions"), QStringLiteral("groups"), QStringLiteral("browser"),
                                QStringLiteral("telemetry")})
        QVERIFY(m_window->openPanel(Workspace::kDemoId, kind));
    m_window->resize(1280, 800);
    QTabWidget *tabs = m_window->tabs();
    QVERIFY(tabs->count() >= 6);
    tabs->setCurrentIndex(tabs->count() - 1); // the newest in front, as after opening it
    QTest::qWait(0);
    QTabBar *bar = tabs->tabBar();
    for (int i = 0; i < tabs->count(); ++i) {
        const QRect r = bar->tabRect(i);
        QVERIFY2(r.left() >= 0 && r.right() <= bar->width(),
                 qPrintable(QStringLiteral("tab %1 “%2” at %3..%4 of %5 px").arg(i).arg(tabs->tabText(i)).arg(r.left()).arg(r.right()).arg(bar->width())));
        QVERIFY2(!tabs->tabText(i).contains(QStringLiteral(" · ")), qPrintable(tabs->tabText(i))); // one cluster: no prefix
        QVERIFY(tabs->tabToolTip(i).contains(tabs->tabText(i)));
    }
    m_window->resize(1500, 950);
}

KAFKASCOPE_GUI_TEST_MAIN(TestPanelLinksGui)
#include "tst_panel_links_gui.moc"
