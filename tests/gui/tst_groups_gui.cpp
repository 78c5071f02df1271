// The consumer-groups panel and the reset-offsets dialog against the real broker, driven
// offscreen with QTest: the lag shown equals high - committed, a reset through the dialog
// leaves on the broker exactly the previewed offsets (read back with python), and a group
// with an active member is refused with the member named.

#include "cluster/cluster_session.h"
#include "models/group_list_model.h"
#include "models/group_partition_model.h"
#include "group_support.h"
#include "groups/groups_panel.h"
#include "groups/reset_offsets_dialog.h"
#include "test_main.h"
#include "test_support.h"
#include "time_chart.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>

using namespace kafkascope;
using namespace kafkascope::testing;
using Offsets = QMap<int, qint64>; // partition -> committed offset

class TestGroupsGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void panelShowsLag();
    void resetThroughDialog_data();
    void resetThroughDialog();
    void resetRefusedWithActiveMember();
    void staleRowsSaySinceWhen();
    void cleanupTestCase();

private:
    QString m_bootstrap, m_topic;
    QThread m_thread;
    ClusterSession *m_session = nullptr;
    static constexpr int kPartitions = 3;
    static constexpr int kMessages = 10; // per partition
};

void TestGroupsGui::initTestCase()
{
    QString why;
    m_bootstrap = brokerBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    m_topic = uniqueName(QStringLiteral("groups-gui"));
    QString error;
    QVERIFY2(createTopic(m_bootstrap, m_topic, kPartitions, &error), qPrintable(error));
    for (int p = 0; p < kPartitions; ++p)
        QVERIFY2(produceToPartition(m_bootstrap, m_topic, p, kMessages, &error), qPrintable(error));
    m_session = new ClusterSession(brokerProfile());
    m_session->setRefreshIntervalMs(1000);
    m_session->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_session, &ClusterSession::start, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().topic(m_topic) != nullptr, 20000);
}

void TestGroupsGui::cleanupTestCase()
{
    if (m_session) {
        QMetaObject::invokeMethod(m_session, &ClusterSession::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_session;
    }
    if (!m_topic.isEmpty())
        deleteTopic(m_bootstrap, m_topic);
}

void TestGroupsGui::panelShowsLag()
{
    const QString group = uniqueName(QStringLiteral("panel-group"));
    QString error;
    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, {{0, 3}, {2, 10}}, &error),
             qPrintable(error));
    GroupsPanel panel(m_session, group);
    QAbstractItemModelTester groupTester(panel.groupModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester partTester(panel.partitionModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QMetaObject::invokeMethod(panel.monitor(),
                              [m = panel.monitor()] { m->setPollIntervalMs(500); });
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE_WITH_TIMEOUT(panel.partitionModel()->rowCount(), kPartitions, 20000);
    QCOMPARE(panel.selectedGroup(), group);
    const GroupPartitionModel *m = panel.partitionModel();
    auto cell = [m](int row, int col) { return m->index(row, col).data().toString(); };
    QCOMPARE(cell(0, GroupPartitionModel::Committed), QStringLiteral("3"));
    QCOMPARE(cell(0, GroupPartitionModel::High), QStringLiteral("10"));
    QCOMPARE(cell(0, GroupPartitionModel::Lag), QStringLiteral("7"));
    QCOMPARE(cell(1, GroupPartitionModel::Committed), QStringLiteral("no commit"));
    QCOMPARE(cell(1, GroupPartitionModel::Lag), QStringLiteral("no commit"));
    QCOMPARE(cell(2, GroupPartitionModel::Lag), QStringLiteral("0"));
    const int row = panel.groupModel()->rowOf(group);
    QVERIFY(row >= 0);
    QCOMPARE(panel.groupModel()->index(row, GroupListModel::Lag).data().toString(),
             QStringLiteral("7"));
    QCOMPARE(panel.groupModel()->index(row, GroupListModel::State).data().toString(),
             QStringLiteral("Empty"));
    QCOMPARE(panel.groupModel()->index(row, GroupListModel::Health).data().toString(),
             QStringLiteral("Stopped"));
    // The chart holds the lag history: total lag 7.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.chart()->seriesIds().isEmpty() &&
                                 panel.chart()->pointCount(panel.chart()->seriesIds().first()) >= 2,
                             10000);
    QCOMPARE(panel.chart()->visibleStats(panel.chart()->seriesIds().first()).last, 7.0);
}

void TestGroupsGui::resetThroughDialog_data()
{
    QTest::addColumn<QString>("mode");  // "offset" or "timestamp"
    QTest::addColumn<int>("partition"); // -1: the whole topic
    QTest::addColumn<Offsets>("expected");
    QTest::newRow("to offset, whole topic")
        << QStringLiteral("offset") << -1 << Offsets{{0, 7}, {1, 7}, {2, 7}};
    QTest::newRow("to offset, one partition")
        << QStringLiteral("offset") << 1 << Offsets{{0, 2}, {1, 7}, {2, 4}};
    QTest::newRow("to a time before any message")
        << QStringLiteral("timestamp") << -1 << Offsets{{0, 0}, {1, 0}, {2, 0}};
    QTest::newRow("to a time after every message")
        << QStringLiteral("future") << 2 << Offsets{{0, 2}, {1, 3}, {2, 10}};
}

void TestGroupsGui::resetThroughDialog()
{
    QFETCH(QString, mode);
    QFETCH(int, partition);
    QFETCH(Offsets, expected);
    const QString group = uniqueName(QStringLiteral("reset-group"));
    QString error;
    const QMap<int, qint64> before{{0, 2}, {1, 3}, {2, 4}};
    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, before, &error), qPrintable(error));

    ResetOffsetsDialog dialog(m_session, group, {m_topic});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *target = dialog.findChild<QComboBox *>(QStringLiteral("targetCombo"));
    auto *topic = dialog.findChild<QComboBox *>(QStringLiteral("topicCombo"));
    auto *partitions = dialog.findChild<QComboBox *>(QStringLiteral("partitionCombo"));
    auto *offset = dialog.findChild<QLineEdit *>(QStringLiteral("offsetEdit"));
    auto *time = dialog.findChild<QDateTimeEdit *>(QStringLiteral("timestampEdit"));
    auto *previewButton = dialog.findChild<QPushButton *>(QStringLiteral("previewButton"));
    auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("applyButton"));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    QVERIFY(target && topic && partitions && offset && time && previewButton && apply && table);

    topic->setCurrentIndex(topic->findText(m_topic));
    partitions->setCurrentIndex(partitions->findData(partition));
    if (mode == u"offset") {
        target->setCurrentIndex(target->findData(int(ResetTarget::Offset)));
        QTest::keyClicks(offset, QStringLiteral("abc"));
        QTest::mouseClick(previewButton, Qt::LeftButton);
        QVERIFY2(dialog.statusText().contains(u"Offset"),
                 qPrintable(dialog.statusText())); // refused in place
        QVERIFY(!apply->isEnabled());
        offset->clear();
        QTest::keyClicks(offset, QStringLiteral("7"));
    } else {
        target->setCurrentIndex(target->findData(int(ResetTarget::Timestamp)));
        time->setDateTime(mode == u"future" ? QDateTime::currentDateTime().addDays(1)
                                            : QDateTime(QDate(2001, 1, 1), QTime(0, 0)));
    }
    QTest::mouseClick(previewButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(apply->isEnabled(), 20000);

    // The preview: old -> new for the chosen partitions.
    const int rows = partition < 0 ? kPartitions : 1;
    QCOMPARE(table->rowCount(), rows);
    QMap<int, qint64> previewed = before;
    for (int r = 0; r < rows; ++r) {
        const int p = table->item(r, 1)->text().toInt();
        QCOMPARE(table->item(r, 2)->text().toLongLong(), before.value(p));
        previewed[p] = table->item(r, 3)->text().toLongLong();
    }
    QCOMPARE(previewed, expected);

    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(dialog.statusText().contains(u"reset on"),
                              qPrintable(dialog.statusText()), 20000);
    for (int r = 0; r < rows; ++r)
        QVERIFY2(table->item(r, 5)->text().startsWith(u"committed "),
                 qPrintable(table->item(r, 5)->text()));
    // What the broker holds now, read by an independent client, is what was previewed.
    QCOMPARE(committedOffsets(m_bootstrap, group, m_topic, kPartitions, &error), previewed);
}

void TestGroupsGui::resetRefusedWithActiveMember()
{
    const QString group = uniqueName(QStringLiteral("busy-group"));
    QString error;
    const QMap<int, qint64> before{{0, 5}, {1, 5}, {2, 5}};
    QVERIFY2(commitOffsets(m_bootstrap, group, m_topic, before, &error), qPrintable(error));
    BackgroundMember member(m_bootstrap, group, m_topic);
    QVERIFY2(member.waitAssigned(60000, &error), qPrintable(error));

    ResetOffsetsDialog dialog(m_session, group, {m_topic});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *target = dialog.findChild<QComboBox *>(QStringLiteral("targetCombo"));
    auto *topic = dialog.findChild<QComboBox *>(QStringLiteral("topicCombo"));
    auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("applyButton"));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
    topic->setCurrentIndex(topic->findText(m_topic));
    target->setCurrentIndex(target->findData(int(ResetTarget::Earliest)));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("previewButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(u"active member"), 20000);
    QVERIFY2(dialog.statusText().contains(u"test-active-member"), qPrintable(dialog.statusText()));
    QCOMPARE(table->rowCount(), kPartitions); // the preview is still shown, for information
    QVERIFY(!apply->isEnabled());
    QCOMPARE(committedOffsets(m_bootstrap, group, m_topic, kPartitions, &error), before);
}

// With every broker down the monitor keeps the last reading, marked stale since its time
// (tst_group_monitor_demo brings that about on the demo); the list must not show it as fresh.
void TestGroupsGui::staleRowsSaySinceWhen()
{
    GroupListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    GroupSummary fresh, stale;
    fresh.id = QStringLiteral("a");
    fresh.state = QStringLiteral("Stable");
    stale = fresh;
    stale.id = QStringLiteral("b");
    stale.staleSince = QDateTime::fromString(QStringLiteral("2026-01-02T10:11:12Z"), Qt::ISODate);
    stale.error = QStringLiteral("Local: Broker transport failure");
    stale.health = {GroupHealth::Verdict::Error, stale.error};
    model.setGroups({fresh, stale});
    const QString since = stale.staleSince.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    QCOMPARE(model.index(0, GroupListModel::State).data().toString(), QStringLiteral("Stable"));
    QCOMPARE(model.index(1, GroupListModel::State).data().toString(), QStringLiteral("Stable? (stale since %1)").arg(since));
    QVERIFY(!model.index(0, GroupListModel::Lag).data(GroupListModel::StaleRole).toBool());
    for (int c : {int(GroupListModel::Id), int(GroupListModel::State), int(GroupListModel::Lag)}) {
        QVERIFY(model.index(1, c).data(GroupListModel::StaleRole).toBool()); // drawn greyed
        QVERIFY(model.index(1, c).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Broker transport failure")));
    }
}

KAFKASCOPE_GUI_TEST_MAIN(TestGroupsGui)
#include "tst_groups_gui.moc"
