// The telemetry panel on the demo cluster, driven offscreen: it starts by itself, lists the
// simulated devices, and a key picked in the device tree (search, expand, double-click) or
// dropped onto the "new pane" strip is charted with exactly the points the store holds.
// Chart layouts survive a save and reopen. Stop and Start again from "latest" or
// "beginning" refill the cleared store from the demo's topics.

#include "alerts/alert_store.h"
#include "alerts/alert_watcher.h"
#include "alerts/rule_dialog.h"
#include "shell/main_window.h"
#include "telemetry/telemetry_chart_view.h"
#include "models/telemetry_device_model.h"
#include "telemetry/telemetry_panel.h"
#include "test_main.h"
#include "cluster/workspace.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QComboBox>
#include <QSortFilterProxyModel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QMenu>
#include <QToolButton>
#include <QTreeView>
#include <qcustomplot.h>

using namespace kafkascope;

class TestTelemetryPanelGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pickKeyChartsStoreData();
    void dropOnStripAddsPane();
    void layoutRoundTrip();
    void restartFromEachLogicalStart_data();
    void restartFromEachLogicalStart();
    void statsSayWhatTheyCover();
    void topicMenuStaysOpenWhileClicking();
    void deviceColumnsAreNotClipped();
    void otherTopicsLeaveNoEmptySeries();
    void thresholdBecomesAlertRule_data();
    void thresholdBecomesAlertRule();
    void cleanupTestCase();

private:
    // Every point the chart's series holds equals the store's point at the same position.
    void compareSeriesWithStore(TimeChart::SeriesId id, const QString &device, const QString &key);
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    TelemetryPanel *m_panel = nullptr;
};

void TestTelemetryPanelGui::initTestCase()
{
    MainWindow::Options options;
    options.settingsFile = m_dir.filePath(QStringLiteral("demo.ini"));
    options.startDemo = true;
    options.demoRate = 300;
    options.openPanels = {QStringLiteral("telemetry")};
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1500, 950);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findPanel(Workspace::kDemoId, QStringLiteral("telemetry")) != nullptr, 20000);
    m_panel = qobject_cast<TelemetryPanel *>(m_window->findPanel(Workspace::kDemoId, QStringLiteral("telemetry")));
    QVERIFY(m_panel);
    new QAbstractItemModelTester(m_panel->deviceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_panel);
    // On the demo the panel starts by itself and lists the 50 sensors.
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->ingest()->isRunning(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->deviceModel()->rowCount() >= 50, 20000);
    QVERIFY(m_panel->selectedTopics().contains(QStringLiteral("tb.telemetry")));
}

void TestTelemetryPanelGui::thresholdBecomesAlertRule_data()
{
    QTest::addColumn<double>("limit");
    QTest::addColumn<bool>("below");
    // A battery reads 0-100 %: a line above it alerts on rising past it, one below on falling.
    QTest::newRow("line above the series") << 1000.0 << false;
    QTest::newRow("line below the series") << -1000.0 << true;
}

// A threshold line on a chart pane becomes an alert rule in one click: right-click the line,
// "Alert when Sensor 03 · battery crosses…", and the rule dialog opens with the cluster's
// device, key, topic, value and direction; OK saves it in the cluster's alert store.
void TestTelemetryPanelGui::thresholdBecomesAlertRule()
{
    QFETCH(double, limit);
    QFETCH(bool, below);
    TelemetryChartView *view = m_panel->chartView();
    TimeChart *chart = view->chart();
    view->clearChart();
    const TimeChart::SeriesId id = view->addKey(0, QStringLiteral("Sensor 03"), QStringLiteral("battery"));
    QTRY_VERIFY_WITH_TIMEOUT(chart->seriesData(id) && !chart->seriesData(id)->empty(), 15000);
    view->addThreshold(0, limit, QStringLiteral("limit"));
    QCPAxisRect *rect = chart->plot()->axisRect(0);
    QCPAxis *axis = rect->axis(QCPAxis::atLeft);
    QTRY_VERIFY(axis->range().contains(limit)); // the line is drawn in view, beside the data
    const QPoint onLine(rect->center().x(), int(std::lround(axis->coordToPixel(limit))));

    QContextMenuEvent click(QContextMenuEvent::Mouse, onLine, chart->plot()->mapToGlobal(onLine));
    QApplication::sendEvent(chart->plot(), &click);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
    QCOMPARE(menu->objectName(), QStringLiteral("thresholdMenu"));
    QAction *alert = menu->findChild<QAction *>(QStringLiteral("alertWhenCrossed"));
    QVERIFY(alert);
    QVERIFY(alert->text().contains(u"Sensor 03 · battery"));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(alert).center());

    RuleDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_panel->findChild<RuleDialog *>()));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"))->currentData().toInt(),
             int(RuleKind::TelemetryThreshold));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("targetEdit"))->text(), QStringLiteral("Sensor 03"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("keyEdit"))->text(), QStringLiteral("battery"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("topicEdit"))->text(), QStringLiteral("tb.telemetry"));
    QCOMPARE(dialog->findChild<QCheckBox *>(QStringLiteral("belowCheck"))->isChecked(), below);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_panel->findChild<RuleDialog *>());

    // Saved in the demo cluster's own alert store (the watcher writes it within seconds).
    const QString path = AlertStore::pathFor(m_dir.filePath(QStringLiteral("demo.ini")), Workspace::kDemoId);
    auto saved = [&]() -> std::optional<AlertRule> {
        AlertConfig config;
        QStringList errors;
        if (!AlertStore::load(path, &config, &errors))
            return std::nullopt;
        for (const AlertRule &r : std::as_const(config.rules))
            if (r.kind == RuleKind::TelemetryThreshold && r.threshold == limit)
                return r;
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(saved().has_value(), 15000);
    const AlertRule rule = *saved();
    QCOMPARE(rule.target, QStringLiteral("Sensor 03"));
    QCOMPARE(rule.key, QStringLiteral("battery"));
    QCOMPARE(rule.topic, QStringLiteral("tb.telemetry"));
    QCOMPARE(rule.threshold, limit);
    QCOMPARE(rule.below, below);
    QVERIFY(rule.enabled);
    QVERIFY(!rule.name.isEmpty());
    QVERIFY(AlertWatcher::of(Workspace::kDemoId)->config().telemetryTopics().contains(QStringLiteral("tb.telemetry")));
    view->clearChart();
}

void TestTelemetryPanelGui::cleanupTestCase()
{
    m_window.reset();
}

void TestTelemetryPanelGui::compareSeriesWithStore(TimeChart::SeriesId id, const QString &device, const QString &key)
{
    const SeriesData *data = m_panel->chartView()->chart()->seriesData(id);
    QVERIFY(data);
    QTRY_VERIFY_WITH_TIMEOUT(data->size() >= 3, 15000);
    const auto store = m_panel->store();
    const int d = store->deviceIndex(device);
    const int k = store->keyIndex(d, key);
    QVERIFY(d >= 0 && k >= 0);
    std::vector<SeriesPoint> points;
    store->copySince(d, k, 0, points);
    const size_t n = data->size();
    QVERIFY(n <= points.size()); // the store may be a frame ahead
    for (size_t i = 0; i < n; ++i) {
        QCOMPARE(data->at(i).t, points[i].t);
        QCOMPARE(data->at(i).v, points[i].v);
    }
}

void TestTelemetryPanelGui::pickKeyChartsStoreData()
{
    auto *filter = m_panel->findChild<QLineEdit *>(QStringLiteral("deviceFilter"));
    QTreeView *tree = m_panel->deviceView();
    QTest::keyClicks(filter, QStringLiteral("Sensor 07"));
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    const QModelIndex device = tree->model()->index(0, 0);
    QCOMPARE(device.data().toString(), QStringLiteral("Sensor 07"));
    tree->expand(device);
    QTRY_VERIFY(tree->model()->rowCount(device) >= 6);
    QModelIndex battery;
    for (int r = 0; r < tree->model()->rowCount(device); ++r)
        if (tree->model()->index(r, 0, device).data().toString() == QLatin1String("battery"))
            battery = tree->model()->index(r, 0, device);
    QVERIFY(battery.isValid());
    tree->scrollTo(battery);
    const QRect rect = tree->visualRect(battery);
    QVERIFY(rect.isValid());
    // A double-click is two clicks then the double-click event.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    TelemetryChartView *view = m_panel->chartView();
    QTRY_VERIFY(view->seriesFor(QStringLiteral("Sensor 07"), QStringLiteral("battery")) != 0);
    const TimeChart::SeriesId id = view->seriesFor(QStringLiteral("Sensor 07"), QStringLiteral("battery"));
    QCOMPARE(view->chart()->seriesName(id), QStringLiteral("Sensor 07 · battery"));
    compareSeriesWithStore(id, QStringLiteral("Sensor 07"), QStringLiteral("battery"));
    // The stats table lists it with figures.
    QTRY_VERIFY(!view->statsTable()->findItems(QStringLiteral("Sensor 07 · battery"), Qt::MatchExactly).isEmpty());
    QVERIFY(m_panel->statusText().contains(QStringLiteral("points held")));
    filter->clear();
}

void TestTelemetryPanelGui::dropOnStripAddsPane()
{
    TelemetryChartView *view = m_panel->chartView();
    const int panes = view->chart()->paneCount();
    auto *model = m_panel->deviceModel();
    QTRY_VERIFY(model->keyIndex(QStringLiteral("Sensor 11"), QStringLiteral("rssi")).isValid());
    QTRY_VERIFY(model->keyIndex(QStringLiteral("Sensor 12"), QStringLiteral("rssi")).isValid());
    std::unique_ptr<QMimeData> mime(model->mimeData({model->keyIndex(QStringLiteral("Sensor 11"), QStringLiteral("rssi")),
                                                     model->keyIndex(QStringLiteral("Sensor 12"), QStringLiteral("rssi"))}));
    auto *strip = view->findChild<QLabel *>(QStringLiteral("newPaneDropStrip"));
    QVERIFY(strip);
    const QPointF at = strip->rect().center();
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(strip, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(strip, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(view->chart()->paneCount(), panes + 1);
    const TimeChart::SeriesId a = view->seriesFor(QStringLiteral("Sensor 11"), QStringLiteral("rssi"));
    const TimeChart::SeriesId b = view->seriesFor(QStringLiteral("Sensor 12"), QStringLiteral("rssi"));
    QVERIFY(a && b);
    QCOMPARE(view->chart()->seriesPane(a), panes);
    QCOMPARE(view->chart()->seriesPane(b), panes);
    compareSeriesWithStore(b, QStringLiteral("Sensor 12"), QStringLiteral("rssi"));
}

void TestTelemetryPanelGui::layoutRoundTrip()
{
    TelemetryChartView *view = m_panel->chartView();
    view->addThreshold(0, 25.5, QStringLiteral("hot"));
    const QJsonObject before = view->layoutJson();
    const QString path = m_dir.filePath(QStringLiteral("layout.json"));
    QString error;
    QVERIFY2(view->saveLayout(path, &error), qPrintable(error));
    view->clearChart();
    QCOMPARE(view->chart()->seriesIds().size(), 0);
    QCOMPARE(view->chart()->paneCount(), 1);
    QVERIFY2(view->loadLayout(path, &error), qPrintable(error));
    QCOMPARE(view->layoutJson(), before);
    QVERIFY(view->seriesFor(QStringLiteral("Sensor 07"), QStringLiteral("battery")) != 0);
    // A file that is not a layout is refused with a reason, and the chart stays as it was.
    QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"panes\": 3}");
    bad.close();
    QVERIFY(!view->loadLayout(bad.fileName(), &error));
    QVERIFY(error.contains(QStringLiteral("Not a Kafkascope chart layout")));
    QCOMPARE(view->layoutJson(), before);
}

void TestTelemetryPanelGui::restartFromEachLogicalStart_data()
{
    QTest::addColumn<QString>("start");
    QTest::newRow("latest") << QStringLiteral("Latest");
    QTest::newRow("beginning") << QStringLiteral("Beginning");
}

void TestTelemetryPanelGui::restartFromEachLogicalStart()
{
    QFETCH(QString, start);
    auto *button = m_panel->findChild<QPushButton *>(QStringLiteral("startStopButton"));
    auto *combo = m_panel->findChild<QComboBox *>(QStringLiteral("startCombo"));
    QVERIFY(button && combo);
    QVERIFY(m_panel->ingest()->isRunning());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(m_panel->ingest()->status().state, IngestStatus::State::Stopped);
    combo->setCurrentIndex(combo->findText(start));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->ingest()->status().state == IngestStatus::State::Running, 20000);
    QVERIFY2(m_panel->ingest()->status().message.contains(start.toLower()), qPrintable(m_panel->ingest()->status().message));
    // The store was cleared on Start: every simulated sensor comes back with new data.
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->store()->totals().messages >= 100, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->deviceModel()->rowCount() >= 50, 20000);
}

void TestTelemetryPanelGui::statsSayWhatTheyCover()
{
    QTableWidget *stats = m_panel->chartView()->statsTable();
    QStringList headers;
    for (int c = 0; c < stats->columnCount(); ++c)
        headers << stats->horizontalHeaderItem(c)->text();
    // Min/Max/Avg read the visible window; Points counts every point held.
    QVERIFY2(headers.contains(QStringLiteral("Min in view")), qPrintable(headers.join(u',')));
    QVERIFY(headers.contains(QStringLiteral("Max in view")));
    QVERIFY(headers.contains(QStringLiteral("Avg in view")));
    QVERIFY(headers.contains(QStringLiteral("Points held")));
}

void TestTelemetryPanelGui::topicMenuStaysOpenWhileClicking()
{
    auto *button = m_panel->findChild<QToolButton *>(QStringLiteral("topicsButton"));
    QVERIFY(button && button->menu());
    QMenu *menu = button->menu();
    const QStringList before = m_panel->selectedTopics();
    menu->popup(button->mapToGlobal(QPoint(0, button->height())));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    QAction *alarms = nullptr;
    for (QAction *a : menu->actions())
        if (a->text() == QLatin1String("alarms"))
            alarms = a;
    QVERIFY(alarms);
    const QPoint at = menu->actionGeometry(alarms).center();
    QTest::mouseClick(menu, Qt::LeftButton, {}, at);
    QVERIFY(m_panel->selectedTopics().contains(QStringLiteral("alarms")));
    QVERIFY2(menu->isVisible(), "the multi-select stays open after a click");
    QTest::mouseClick(menu, Qt::LeftButton, {}, at); // and unticks on a second click
    QVERIFY(!m_panel->selectedTopics().contains(QStringLiteral("alarms")));
    QVERIFY(menu->isVisible());
    menu->close();
    QCOMPARE(m_panel->selectedTopics(), before);
}

void TestTelemetryPanelGui::deviceColumnsAreNotClipped()
{
    QTreeView *tree = m_panel->deviceView();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->deviceModel()->rowCount() >= 50, 20000);
    QTest::qWait(0);
    for (int c = 0; c < TelemetryDeviceModel::ColumnCount; ++c) {
        if (c == TelemetryDeviceModel::Trend)
            continue;
        // What the contents need, as Qt measures them (then the width shown is put back).
        auto needed = [&] {
            const int shown = tree->columnWidth(c);
            tree->resizeColumnToContents(c);
            const int fit = tree->columnWidth(c);
            tree->setColumnWidth(c, shown);
            return fit;
        };
        // Each refresh widens what no longer fits: wait for the one after the data arrived.
        QTRY_VERIFY2(tree->columnWidth(c) >= needed(),
                     qPrintable(QStringLiteral("column %1 (%2): %3 px for %4 px of text")
                                    .arg(c)
                                    .arg(tree->model()->headerData(c, Qt::Horizontal).toString())
                                    .arg(tree->columnWidth(c))
                                    .arg(needed())));
    }
}

void TestTelemetryPanelGui::otherTopicsLeaveNoEmptySeries()
{
    TelemetryChartView *view = m_panel->chartView();
    QTRY_VERIFY_WITH_TIMEOUT(!view->chart()->seriesIds().isEmpty(), 20000); // sensor series from tb.telemetry
    const QStringList before = m_panel->selectedTopics();
    m_panel->stopIngest();
    QTRY_COMPARE(m_panel->ingest()->status().state, IngestStatus::State::Stopped);
    m_panel->setSelectedTopics({QStringLiteral("tb.devices")});
    m_panel->startIngest();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->store()->totals().messages >= 5, 20000);
    // No series of a device of the other topic stays on the chart with 0 points.
    for (TimeChart::SeriesId id : view->chart()->seriesIds()) {
        QVERIFY2(!view->chart()->seriesName(id).startsWith(QStringLiteral("Sensor")), // tb.telemetry's devices
                 qPrintable(view->chart()->seriesName(id)));
        QVERIFY2(view->chart()->pointCount(id) > 0, qPrintable(view->chart()->seriesName(id)));
    }
    QVERIFY(view->chart()->seriesIds().isEmpty() || view->statsTable()->rowCount() == view->chart()->seriesIds().size());
    m_panel->stopIngest();
    QTRY_COMPARE(m_panel->ingest()->status().state, IngestStatus::State::Stopped);
    m_panel->setSelectedTopics(before);
    m_panel->startIngest();
}

KAFKASCOPE_GUI_TEST_MAIN(TestTelemetryPanelGui)
#include "tst_telemetry_panel_gui.moc"
