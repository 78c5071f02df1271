// The partition table model: values from metadata and offsets, one dataChanged per refresh
// while the partition set holds, a reset when it changes, errors shown in the row. Checked
// throughout by QAbstractItemModelTester.

#include "status_badge.h"
#include "models/partition_table_model.h"
#include "test_main.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>

using namespace kafkascope;

namespace {
TopicInfo topic(int partitions)
{
    TopicInfo t;
    t.name = QStringLiteral("t");
    for (int p = partitions - 1; p >= 0; --p) // unordered on purpose: the model sorts
        t.partitions.append({p, p % 3 + 1, {1, 2, 3}, p == 1 ? QList<int>{1, 2} : QList<int>{1, 2, 3}, {}});
    return t;
}
PartitionOffsetState offsets(int p, qint64 low, qint64 high, double rate, const QString &error = {})
{
    PartitionOffsetState s;
    s.topic = QStringLiteral("t");
    s.partition = p;
    s.low = low;
    s.high = high;
    s.rate = rate;
    s.error = error;
    return s;
}
} // namespace

class TestPartitionTableModel : public QObject
{
    Q_OBJECT
private slots:
    void values_data();
    void values();
    void updateInPlaceThenReset();
};

void TestPartitionTableModel::values_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::newRow("partition") << 2 << int(PartitionTableModel::Partition) << QStringLiteral("2");
    QTest::newRow("leader") << 2 << int(PartitionTableModel::Leader) << QStringLiteral("3");
    QTest::newRow("replicas") << 0 << int(PartitionTableModel::Replicas) << QStringLiteral("1, 2, 3");
    QTest::newRow("isr shrunk") << 1 << int(PartitionTableModel::Isr) << QStringLiteral("1, 2");
    QTest::newRow("low") << 0 << int(PartitionTableModel::Low) << QStringLiteral("10");
    QTest::newRow("high") << 0 << int(PartitionTableModel::High) << QStringLiteral("110");
    QTest::newRow("messages") << 0 << int(PartitionTableModel::Messages) << QStringLiteral("100");
    QTest::newRow("rate") << 0 << int(PartitionTableModel::Rate) << QStringLiteral("12.5");
    QTest::newRow("no rate yet") << 1 << int(PartitionTableModel::Rate) << QStringLiteral("–");
    QTest::newRow("error high") << 2 << int(PartitionTableModel::High) << QStringLiteral("–");
    QTest::newRow("error status") << 2 << int(PartitionTableModel::Status) << QStringLiteral("leader unknown");
    QTest::newRow("under-replicated") << 1 << int(PartitionTableModel::Status) << QStringLiteral("under-replicated");
    QTest::newRow("missing offsets") << 3 << int(PartitionTableModel::Status)
                                     << QStringLiteral("waiting for the first refresh");
}

void TestPartitionTableModel::values()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, display);
    QLocale::setDefault(QLocale::c());
    PartitionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setData(topic(4), {offsets(0, 10, 110, 12.5), offsets(1, 0, 5, std::nan("")),
                             offsets(2, -1, -1, std::nan(""), QStringLiteral("leader unknown"))});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.data(model.index(row, column)).toString(), display);
    if (display == u"leader unknown")
        QCOMPARE(model.data(model.index(row, column), Qt::ForegroundRole).value<QColor>(), StatusBadge::color(StatusBadge::Tone::Bad));
}

void TestPartitionTableModel::updateInPlaceThenReset()
{
    PartitionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setData(topic(3), {});
    QCOMPARE(reset.count(), 1);
    model.setData(topic(3), {offsets(0, 0, 7, 1), offsets(1, 0, 8, 1), offsets(2, 0, 9, 1)});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(changed.count(), 1); // one notification for the whole table
    QCOMPARE(changed[0][0].toModelIndex(), model.index(0, 0));
    QCOMPARE(changed[0][1].toModelIndex(), model.index(2, PartitionTableModel::ColumnCount - 1));
    QCOMPARE(model.data(model.index(2, PartitionTableModel::High), PartitionTableModel::SortRole).toLongLong(), 9);
    model.setData(topic(5), {}); // partitions added
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 5);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

KAFKASCOPE_GUI_TEST_MAIN(TestPartitionTableModel)
#include "tst_partition_table_model.moc"
