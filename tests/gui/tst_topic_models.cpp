// The topic models under QAbstractItemModelTester: snapshots applied in place (topics
// added, removed, changed) keep the rows equal to the snapshot, sorted; filtering by
// substring/regex and hiding internal topics; the config and partition models. Also runs
// the 5,000-topic case through the tester (timings live in tests/bench/bench_topic_model).

#include "models/partition_table_model.h"
#include "test_main.h"
#include "models/topic_config_model.h"
#include "models/topic_filter_proxy.h"
#include "models/topic_table_model.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <limits>

using namespace kafkascope;

namespace {
// QStringList from plain literals (QT_NO_CAST_FROM_ASCII forbids the implicit way).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}
} // namespace

namespace {
TopicInfo makeTopic(const QString &name, int partitions, int rf = 3, int underReplicated = 0)
{
    TopicInfo t;
    t.name = name;
    for (int p = 0; p < partitions; ++p) {
        PartitionInfo part;
        part.id = p;
        part.leader = p % rf;
        for (int r = 0; r < rf; ++r)
            part.replicas << r;
        part.isr = part.replicas;
        if (p < underReplicated)
            part.isr.removeLast();
        t.partitions << part;
    }
    return t;
}

QList<TopicInfo> topicsNamed(const QStringList &names)
{
    QList<TopicInfo> out;
    for (const QString &n : names)
        out << makeTopic(n, 3);
    std::sort(out.begin(), out.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return out;
}

QStringList rows(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data().toString();
    return out;
}
} // namespace

class TestTopicModels : public QObject
{
    Q_OBJECT
private slots:
    void snapshotsApplyInPlace_data();
    void snapshotsApplyInPlace();
    void unchangedRowsKeepTheirIndexes();
    void healthAndCountsColumns();
    void groupLagColumn();
    void filtering();
    void fiveThousandTopics();
    void bigRefreshKeepsSelectionInOneLayoutChange();
    void sortAndFilterKeepTopicsAndSelection();
    void nameSortIsCaseInsensitive_data();
    void nameSortIsCaseInsensitive();
    void configModel();
    void configValuesReadOnce_data();
    void configValuesReadOnce();
    void partitionModel();
};

void TestTopicModels::snapshotsApplyInPlace_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    QTest::newRow("from empty") << QStringList{} << strings({"a", "b", "c"});
    QTest::newRow("to empty") << strings({"a", "b", "c"}) << QStringList{};
    QTest::newRow("insert middle") << strings({"a", "d"}) << strings({"a", "b", "c", "d"});
    QTest::newRow("insert ends") << strings({"b", "c"}) << strings({"a", "b", "c", "d"});
    QTest::newRow("remove runs") << strings({"a", "b", "c", "d", "e", "f"}) << strings({"a", "d"});
    QTest::newRow("replace all") << strings({"a", "b"}) << strings({"c", "d"});
    QTest::newRow("interleaved") << strings({"a", "c", "e", "g"}) << strings({"b", "c", "d", "g", "h"});
}

void TestTopicModels::snapshotsApplyInPlace()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TopicTableModel::Name);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTopics(topicsNamed(before));
    QCOMPARE(rows(model), before);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setTopics(topicsNamed(after));
    QCOMPARE(rows(model), after);
    QCOMPARE(rows(proxy), after);
    QCOMPARE(resets.count(), 0); // never a reset: selections survive
}

void TestTopicModels::unchangedRowsKeepTheirIndexes()
{
    TopicTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTopics(topicsNamed(strings({"a", "b", "c", "d"})));
    const QPersistentModelIndex c = model.index(2, 0);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<TopicInfo> next = topicsNamed(strings({"a", "b", "c", "d"}));
    next[1] = makeTopic(QStringLiteral("b"), 5);
    next[3] = makeTopic(QStringLiteral("d"), 1);
    model.setTopics(next);
    QCOMPARE(changed.count(), 1); // one batch spanning rows 1..3
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 3);
    QCOMPARE(model.index(1, TopicTableModel::Partitions).data().toInt(), 5);
    model.setTopics(next);
    QCOMPARE(changed.count(), 1); // identical snapshot: no signal at all
    model.setTopics(topicsNamed(strings({"0", "a", "c", "d"})));
    QVERIFY(c.isValid());
    QCOMPARE(c.data().toString(), QStringLiteral("c"));
}

void TestTopicModels::healthAndCountsColumns()
{
    TopicTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<TopicInfo> topics{makeTopic(QStringLiteral("t"), 4, 3, 2)};
    topics[0].partitions[3].leader = -1;
    model.setTopics(topics);
    QCOMPARE(model.index(0, TopicTableModel::ReplicationFactor).data().toInt(), 3);
    QCOMPARE(model.index(0, TopicTableModel::UnderReplicated).data().toInt(), 2);
    QCOMPARE(model.index(0, TopicTableModel::Offline).data().toInt(), 1);
    QCOMPARE(model.index(0, TopicTableModel::Messages).data().toString(), QStringLiteral("…"));
    model.setMessageCounts({{QStringLiteral("t"), 1234}});
    QCOMPARE(model.index(0, TopicTableModel::Messages).data(TopicTableModel::SortRole).toLongLong(), 1234);
    TopicConfigSummary s;
    s.retentionMs = 7200000;
    s.retentionBytes = 512LL << 20;
    s.cleanupPolicy = QStringLiteral("compact,delete");
    model.setConfigSummaries({{QStringLiteral("t"), s}});
    QCOMPARE(model.index(0, TopicTableModel::Retention).data().toString(), QStringLiteral("2h / 512 MiB"));
    QCOMPARE(model.index(0, TopicTableModel::CleanupPolicy).data().toString(), QStringLiteral("compact,delete"));
}

void TestTopicModels::groupLagColumn()
{
    TopicTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTopics(topicsNamed(strings({"orders", "payments", "unread"})));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setGroupLag({{QStringLiteral("orders"), 1234567}, {QStringLiteral("payments"), 0}});
    QCOMPARE(changed.size(), 1);
    const auto cell = [&](int row, int role) {
        return model.index(row, TopicTableModel::GroupLag).data(role);
    };
    QCOMPARE(cell(0, Qt::DisplayRole).toString(), QLocale().toString(1234567));
    QCOMPARE(cell(1, Qt::DisplayRole).toString(), QStringLiteral("0"));
    QCOMPARE(cell(2, Qt::DisplayRole).toString(), QString()); // no group reads it: no figure
    QCOMPARE(cell(0, TopicTableModel::SortRole).toLongLong(), 1234567);
    QCOMPARE(cell(2, TopicTableModel::SortRole).toLongLong(), -1);
    model.setGroupLag({{QStringLiteral("orders"), 1234567}, {QStringLiteral("payments"), 0}});
    QCOMPARE(changed.size(), 1); // the same figures: no repaint
}

void TestTopicModels::filtering()
{
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTopics(topicsNamed(strings({"__consumer_offsets", "alarms", "tb.attributes", "tb.devices", "tb.telemetry"})));
    proxy.sort(TopicTableModel::Name);
    QCOMPARE(rows(proxy), (strings({"alarms", "tb.attributes", "tb.devices", "tb.telemetry"})));
    proxy.setHideInternal(false);
    QCOMPARE(proxy.rowCount(), 5);
    QVERIFY(proxy.setNameFilter(QStringLiteral("TB.DE"), false).isEmpty()); // substring, case-insensitive
    QCOMPARE(rows(proxy), strings({"tb.devices"}));
    QVERIFY(proxy.setNameFilter(QStringLiteral("^tb\\.(dev|tel)"), true).isEmpty());
    QCOMPARE(rows(proxy), (strings({"tb.devices", "tb.telemetry"})));
    const QString error = proxy.setNameFilter(QStringLiteral("tb.("), true);
    QVERIFY(error.contains(QStringLiteral("Invalid regular expression")));
    QCOMPARE(rows(proxy), (strings({"tb.devices", "tb.telemetry"}))); // the last valid filter stays
    proxy.setNameFilter({}, false);
    // Numeric sort on partitions, not text ("10" after "9").
    QList<TopicInfo> ts{makeTopic(QStringLiteral("a"), 10), makeTopic(QStringLiteral("b"), 9), makeTopic(QStringLiteral("c"), 100)};
    model.setTopics(ts);
    proxy.sort(TopicTableModel::Partitions, Qt::AscendingOrder);
    QCOMPARE(rows(proxy), (strings({"b", "a", "c"})));
}

void TestTopicModels::fiveThousandTopics()
{
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TopicTableModel::Name);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList all;
    for (int i = 0; i < 5000; ++i)
        all << QStringLiteral("gateway.%1.telemetry").arg(i, 5, 10, QLatin1Char('0'));
    model.setTopics(topicsNamed(all));
    QCOMPARE(proxy.rowCount(), 5000);
    // Every 10th topic goes, 100 new ones come, the rest gain a partition.
    QStringList next;
    for (int i = 0; i < 5000; ++i)
        if (i % 10)
            next << all[i];
    for (int i = 0; i < 100; ++i)
        next << QStringLiteral("gateway.%1.new").arg(i, 5, 10, QLatin1Char('0'));
    QList<TopicInfo> topics;
    for (const QString &n : std::as_const(next))
        topics << makeTopic(n, 4);
    std::sort(topics.begin(), topics.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    model.setTopics(topics);
    QCOMPARE(model.rowCount(), 4600);
    QCOMPARE(proxy.rowCount(), 4600);
    QCOMPARE(model.index(0, TopicTableModel::Partitions).data().toInt(), 4);
    proxy.setNameFilter(QStringLiteral("\\.0004\\d\\.new$"), true);
    QCOMPARE(proxy.rowCount(), 10);
}

// Hundreds of topics gone and new at once (a big cluster's refresh) are one layout change:
// rows and proxy still equal the snapshot, a selected topic that stays is still selected
// (in the proxy, through the sort), one that went is no longer.
void TestTopicModels::bigRefreshKeepsSelectionInOneLayoutChange()
{
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TopicTableModel::Name, Qt::DescendingOrder);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList all;
    for (int i = 0; i < 2000; ++i)
        all << QStringLiteral("dev.%1").arg(i, 4, 10, QLatin1Char('0'));
    model.setTopics(topicsNamed(all));
    const auto proxyRowOf = [&](const QString &name) {
        return proxy.mapFromSource(model.index(model.rowOf(name), 0)).row();
    };
    QItemSelectionModel selection(&proxy);
    const QPersistentModelIndex stays = proxy.index(proxyRowOf(QStringLiteral("dev.0501")), TopicTableModel::Partitions);
    const QPersistentModelIndex goes = proxy.index(proxyRowOf(QStringLiteral("dev.0500")), 0);
    selection.setCurrentIndex(stays, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    QStringList next; // every 5th goes (400), 300 arrive in between, the rest gain a partition
    for (int i = 0; i < 2000; ++i)
        if (i % 5)
            next << all[i];
    for (int i = 0; i < 300; ++i)
        next << QStringLiteral("dev.%1a").arg(i * 6, 4, 10, QLatin1Char('0'));
    QList<TopicInfo> topics;
    for (const QString &n : std::as_const(next))
        topics << makeTopic(n, 4);
    std::sort(topics.begin(), topics.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
    model.setTopics(topics);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removals.count(), 0);
    QCOMPARE(layouts.count(), 1);
    QStringList expected;
    for (const TopicInfo &t : std::as_const(topics))
        expected << t.name;
    QCOMPARE(rows(model), expected);
    std::sort(expected.begin(), expected.end(), std::greater<>());
    QCOMPARE(rows(proxy), expected);
    QVERIFY(stays.isValid());
    QCOMPARE(proxy.index(stays.row(), 0).data().toString(), QStringLiteral("dev.0501"));
    QCOMPARE(stays.column(), int(TopicTableModel::Partitions));
    QCOMPARE(stays.data().toInt(), 4); // the new snapshot's figure
    QCOMPARE(selection.currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("dev.0501"));
    QVERIFY(selection.isRowSelected(stays.row()));
    QVERIFY(!goes.isValid());
}

// The proxy sorts numeric columns by value (counts arriving later re-sort them) and names
// case-insensitively; a filter cleared over thousands of rows brings every row back in
// order, and the selected topic stays selected through it.
void TestTopicModels::sortAndFilterKeepTopicsAndSelection()
{
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList all;
    QHash<QString, qint64> counts;
    for (int i = 0; i < 3000; ++i) {
        const QString name = (i % 2 ? QStringLiteral("Sensor.%1") : QStringLiteral("sensor.%1b")).arg(i, 4, 10, QLatin1Char('0'));
        all << name;
        if (i % 7) // some topics have no count yet: "…", sorted as -1
            counts.insert(name, (i * 7919) % 1000);
    }
    model.setTopics(topicsNamed(all));
    proxy.sort(TopicTableModel::Name);
    QStringList byName = all;
    std::stable_sort(byName.begin(), byName.end(),
                     [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QCOMPARE(rows(proxy), byName);

    model.setMessageCounts(counts);
    proxy.sort(TopicTableModel::Messages, Qt::DescendingOrder);
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int r = 0; r < proxy.rowCount(); ++r) {
        const qint64 n = proxy.index(r, TopicTableModel::Messages).data(TopicTableModel::SortRole).toLongLong();
        QVERIFY2(n <= previous, qPrintable(QStringLiteral("row %1: %2 after %3").arg(r).arg(n).arg(previous)));
        QCOMPARE(n, counts.value(proxy.index(r, 0).data().toString(), -1));
        previous = n;
    }
    counts[proxy.index(proxy.rowCount() - 1, 0).data().toString()] = 5000; // the last becomes the largest
    const QString risen = proxy.index(proxy.rowCount() - 1, 0).data().toString();
    model.setMessageCounts(counts);
    QCOMPARE(proxy.index(0, 0).data().toString(), risen);

    QItemSelectionModel selection(&proxy);
    QVERIFY(proxy.setNameFilter(QStringLiteral("0123"), false).isEmpty());
    QCOMPARE(rows(proxy), strings({"Sensor.0123"}));
    selection.setCurrentIndex(proxy.index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(proxy.setNameFilter({}, false).isEmpty());
    QCOMPARE(proxy.rowCount(), 3000);
    QCOMPARE(selection.currentIndex().data().toString(), QStringLiteral("Sensor.0123"));
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().data().toString(), QStringLiteral("Sensor.0123"));
}

// Sorting by name is case-insensitive whether or not any name has upper case or non-ASCII
// letters (the model skips the case folding when none has): punctuation that sits between
// 'Z' and 'a' in code order, digits and accents land where a case-insensitive compare puts them.
void TestTopicModels::nameSortIsCaseInsensitive_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::newRow("lower case and punctuation") << strings({"a_b", "a[b", "ab", "a`b", "a^b", "aa", "a.b", "a-0", "zz", "a9"});
    QTest::newRow("mixed case") << strings({"a_b", "A[c", "ab", "Ab_", "a^b", "AA", "a.b", "zZ", "Zy", "a9"});
    QTest::newRow("accents") << strings({"\u00e4b", "ab", "\u00c4c", "ac", "a_", "b"});
}

void TestTopicModels::nameSortIsCaseInsensitive()
{
    QFETCH(QStringList, names);
    TopicTableModel model;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TopicTableModel::Name);
    model.setTopics(topicsNamed(names)); // in code order, as metadata comes
    QStringList expected = names;
    std::sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QCOMPARE(rows(proxy), expected);
    proxy.sort(TopicTableModel::Name, Qt::DescendingOrder);
    std::reverse(expected.begin(), expected.end());
    QCOMPARE(rows(proxy), expected);
}

void TestTopicModels::configModel()
{
    TopicConfigModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ConfigEntry retention{QStringLiteral("retention.ms"), QStringLiteral("7200000"), true, ConfigEntry::Source::TopicOverride,
                          false, false, false};
    ConfigEntry segment{QStringLiteral("segment.bytes"), QStringLiteral("1073741824"), true, ConfigEntry::Source::Default,
                        false, false, true};
    ConfigEntry secret{QStringLiteral("ssl.key"), {}, false, ConfigEntry::Source::StaticBroker, true, true, false};
    model.setEntries({retention, secret, segment});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, TopicConfigModel::Value).data().toString(), QStringLiteral("2 hours"));
    QVERIFY(model.index(0, TopicConfigModel::Value).data(Qt::ToolTipRole).toString().contains(QStringLiteral("7200000")));
    QCOMPARE(model.index(0, TopicConfigModel::Value).data(Qt::EditRole).toString(), QStringLiteral("7200000"));
    QCOMPARE(model.index(0, TopicConfigModel::Source).data().toString(), QStringLiteral("topic override"));
    QCOMPARE(model.index(1, TopicConfigModel::Value).data().toString(), QStringLiteral("(hidden: sensitive)"));
    QCOMPARE(model.index(1, TopicConfigModel::Flags).data().toString(), QStringLiteral("read-only, sensitive"));
    QCOMPARE(model.index(2, TopicConfigModel::Value).data().toString(), QStringLiteral("1 GiB"));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    retention.value = QStringLiteral("60000");
    model.setEntries({retention, secret, segment}); // same keys: updated in place
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.index(0, TopicConfigModel::Value).data().toString(), QStringLiteral("1 minute"));
    model.setEntries({segment});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowOf(QStringLiteral("segment.bytes")), 0);
}

void TestTopicModels::configValuesReadOnce_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("Long.MAX_VALUE retention") << "retention.ms" << "9223372036854775807" << "forever";
    QTest::newRow("7 days") << "retention.ms" << "604800000" << "7 days";
    QTest::newRow("1 day") << "delete.retention.ms" << "86400000" << "1 day";
    QTest::newRow("-1 retention") << "retention.ms" << "-1" << "unlimited";
    QTest::newRow("odd duration") << "segment.ms" << "90500" << "≈1.5 minutes";
    QTest::newRow("under a second") << "file.delete.delay.ms" << "500" << "500 ms";
    QTest::newRow("zero") << "min.compaction.lag.ms" << "0" << "0 ms";
    QTest::newRow("-1 bytes") << "retention.bytes" << "-1" << "unlimited";
    QTest::newRow("1 MiB") << "max.message.bytes" << "1048576" << "1 MiB";
    QTest::newRow("odd size") << "max.message.bytes" << "1048588" << "≈1.0 MiB";
    QTest::newRow("small size") << "index.interval.bytes" << "512" << "512 bytes";
    QTest::newRow("not a number") << "cleanup.policy" << "compact,delete" << "compact,delete";
    QTest::newRow("plain number") << "min.insync.replicas" << "2" << "2";
}

// One readable value per config, never the raw number repeated beside itself.
void TestTopicModels::configValuesReadOnce()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, shown);
    TopicConfigModel model;
    model.setEntries({ConfigEntry{name, value, true, ConfigEntry::Source::Default, false, false, true}});
    QCOMPARE(model.index(0, TopicConfigModel::Value).data().toString(), shown);
    QVERIFY(model.index(0, TopicConfigModel::Value).data(Qt::ToolTipRole).toString().contains(value));
}

void TestTopicModels::partitionModel()
{
    PartitionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TopicInfo t = makeTopic(QStringLiteral("t"), 3, 3, 1);
    t.partitions[2].leader = -1;
    model.setTopic(t, {{QStringLiteral("t"), 0, 5, 25, {}}, {QStringLiteral("t"), 2, -1, -1, QStringLiteral("LEADER_NOT_AVAILABLE")}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, PartitionTableModel::Messages).data().toString(), QStringLiteral("20"));
    QCOMPARE(model.index(0, PartitionTableModel::Isr).data().toString(), QStringLiteral("0, 1"));
    QCOMPARE(model.index(1, PartitionTableModel::Low).data().toString(), QStringLiteral("–")); // not looked up yet
    QCOMPARE(model.index(2, PartitionTableModel::Leader).data().toString(), QStringLiteral("none"));
    QVERIFY(model.index(2, PartitionTableModel::Status).data().toString().contains(QStringLiteral("LEADER_NOT_AVAILABLE")));
    model.setTopic(makeTopic(QStringLiteral("t"), 5), {});
    QCOMPARE(model.rowCount(), 5);
    model.setTopic(TopicInfo{}, {});
    QCOMPARE(model.rowCount(), 0);
}

KAFKASCOPE_GUI_TEST_MAIN(TestTopicModels)
#include "tst_topic_models.moc"
