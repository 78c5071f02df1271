// Every item model of ui/models that tst_topic_models does not cover, under
// QAbstractItemModelTester in QtTest mode (a broken contract fails the test), driven through
// the update paths the panels use: resets, in-place updates, rows added and removed, and the
// sort/filter proxies the panels put in front of them (configured as the panels do).

#include "cluster/cluster_session.h"
#include "cluster/workspace.h"
#include "decoding/record_decoder.h"
#include "models/broker_table_model.h"
#include "models/cluster_tree_model.h"
#include "models/group_list_model.h"
#include "models/group_partition_model.h"
#include "models/message_table_model.h"
#include "models/partition_table_model.h"
#include "models/telemetry_device_model.h"
#include "telemetry/telemetry_decoder.h"
#include "telemetry/telemetry_store.h"
#include "test_main.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>

using namespace kafkascope;

namespace {

constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;
constexpr qint64 kT0 = 1700000000000;

TopicInfo makeTopic(const QString &name, int partitions, int brokers = 3)
{
    TopicInfo t;
    t.name = name;
    for (int p = 0; p < partitions; ++p) {
        PartitionInfo part;
        part.id = p;
        part.leader = p % brokers;
        for (int r = 0; r < brokers; ++r)
            part.replicas << r;
        part.isr = part.replicas;
        t.partitions << part;
    }
    return t;
}

BrokerInfo broker(int id)
{
    return {id, QStringLiteral("broker%1").arg(id), 9092, {}};
}

// The rows' column-0 text, top to bottom (under `parent`).
QStringList column0(const QAbstractItemModel &m, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < m.rowCount(parent); ++r)
        out << m.index(r, 0, parent).data().toString();
    return out;
}

GroupSummary group(const QString &id, qint64 lag)
{
    GroupSummary g;
    g.id = id;
    g.type = GroupType::Consumer;
    g.state = QStringLiteral("Stable");
    g.members = 1;
    g.totals.lag = lag;
    g.totals.partitions = 3;
    g.consumptionRate = 10;
    g.health.verdict = lag > 100 ? GroupHealth::Verdict::Lagging : GroupHealth::Verdict::Ok;
    return g;
}

PartitionLag partitionLag(const QString &topic, int partition, qint64 committed, qint64 high)
{
    PartitionLag p;
    p.topic = topic;
    p.partition = partition;
    p.committed = committed;
    p.high = high;
    p.lag = committed >= 0 ? high - committed : -1;
    return p;
}

QList<KafkaMessage> messages(int partition, qint64 from, int count)
{
    QList<KafkaMessage> out;
    for (int i = 0; i < count; ++i) {
        KafkaMessage m;
        m.partition = partition;
        m.offset = from + i;
        m.timestamp = kT0 + from + i;
        m.timestampType = TimestampType::CreateTime;
        m.valueNull = false;
        m.value = QByteArrayLiteral("{\"v\":") + QByteArray::number(from + i) + '}';
        out << m;
    }
    return out;
}

// Decodes ThingsBoard gateway messages "device: key = value at ts" into one batch and stores it,
// as the telemetry ingest does.
void feed(TelemetryStore &store, const QList<std::tuple<QString, QString, qint64, double>> &readings)
{
    DecoderOptions options;
    options.format = TelemetryFormat::Gateway;
    TelemetryDecoder decoder(options);
    DecodedBatch batch;
    std::vector<MessageOrigin> origins;
    for (const auto &[device, key, ts, v] : readings) {
        const QByteArray json = QStringLiteral(R"({"%1":[{"ts":%2,"values":{"%3":%4}}]})")
                                    .arg(device)
                                    .arg(ts)
                                    .arg(key)
                                    .arg(v)
                                    .toUtf8();
        RawMessage m;
        m.value = std::string_view(json.constData(), size_t(json.size()));
        m.kafkaTimestampMs = ts;
        batch.setSource(quint32(origins.size()));
        origins.push_back({QStringLiteral("tb.telemetry"), 0, qint64(origins.size())});
        decoder.decode(m, batch);
    }
    store.apply(batch, origins, kT0);
}

} // namespace

class TestItemModels : public QObject
{
    Q_OBJECT
private slots:
    void brokerTable();
    void groupList();
    void groupPartitions();
    void partitionTable();
    void messageTableVirtual();
    void messageTableList();
    void messageTableDecoded();
    void telemetryDevices();
    void clusterTree();
};

void TestItemModels::brokerTable()
{
    BrokerTableModel model;
    QAbstractItemModelTester tester(&model, kQtTest);
    ClusterSnapshot s;
    s.brokers = {broker(1), broker(2), broker(3)};
    s.controllerId = 1;
    s.topics = {makeTopic(QStringLiteral("a"), 6, 3)};
    model.setSnapshot(s);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, BrokerTableModel::Controller).data().toString(), QStringLiteral("yes"));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    s.controllerId = 2; // same brokers: updated in place
    model.setSnapshot(s);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(1, BrokerTableModel::Controller).data().toString(), QStringLiteral("yes"));
    s.brokers.removeLast(); // a broker left
    model.setSnapshot(s);
    QCOMPARE(model.rowCount(), 2);
    s.brokers.clear();
    model.setSnapshot(s);
    QCOMPARE(model.rowCount(), 0);
    model.setSnapshot(s); // empty again: nothing to say
}

void TestItemModels::groupList()
{
    GroupListModel model;
    QSortFilterProxyModel proxy; // as the Consumer groups panel
    proxy.setSourceModel(&model);
    proxy.setSortRole(GroupListModel::SortRole);
    proxy.sort(GroupListModel::Id);
    QAbstractItemModelTester t1(&model, kQtTest);
    QAbstractItemModelTester t2(&proxy, kQtTest);
    model.setGroups({group(QStringLiteral("b"), 5), group(QStringLiteral("a"), 500), group(QStringLiteral("c"), 50)});
    QCOMPARE(column0(proxy), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    proxy.sort(GroupListModel::Lag, Qt::DescendingOrder);
    QCOMPARE(column0(proxy), (QStringList{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("b")}));
    // The next poll: the same groups, new figures; the proxy re-sorts the rows it moved.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setGroups({group(QStringLiteral("b"), 5000), group(QStringLiteral("a"), 0), group(QStringLiteral("c"), 50)});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(column0(proxy), (QStringList{QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a")}));
    GroupSummary stale = group(QStringLiteral("c"), 50);
    stale.staleSince = QDateTime::fromMSecsSinceEpoch(kT0);
    stale.error = QStringLiteral("broker down");
    model.setGroups({group(QStringLiteral("b"), 5000), group(QStringLiteral("a"), 0), stale});
    QVERIFY(model.index(2, GroupListModel::Lag).data(GroupListModel::StaleRole).toBool());
    // A group came, then all went.
    model.setGroups({group(QStringLiteral("b"), 1), group(QStringLiteral("a"), 2), group(QStringLiteral("c"), 3),
                     group(QStringLiteral("d"), 4)});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(proxy.rowCount(), 4);
    model.setGroups({});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestItemModels::groupPartitions()
{
    GroupPartitionModel model;
    QAbstractItemModelTester tester(&model, kQtTest);
    const QString t = QStringLiteral("orders");
    model.setPartitions({partitionLag(t, 0, 10, 20), partitionLag(t, 1, -1, 5)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, GroupPartitionModel::Lag).data().toString(), QStringLiteral("no commit"));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setPartitions({partitionLag(t, 0, 20, 20), partitionLag(t, 1, 5, 5)}); // in place
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.index(0, GroupPartitionModel::Lag).data().toString(), QStringLiteral("0"));
    PartitionLag broken = partitionLag(t, 2, 0, -1);
    broken.error = QStringLiteral("leader not available");
    model.setPartitions({partitionLag(t, 0, 20, 20), partitionLag(t, 1, 5, 5), broken}); // a partition added
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    model.setPartitions({});
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::partitionTable()
{
    PartitionTableModel model;
    QSortFilterProxyModel proxy; // as the Partitions panel
    proxy.setSourceModel(&model);
    proxy.setSortRole(PartitionTableModel::SortRole);
    proxy.sort(PartitionTableModel::Partition);
    QAbstractItemModelTester t1(&model, kQtTest);
    QAbstractItemModelTester t2(&proxy, kQtTest);
    const TopicInfo topic = makeTopic(QStringLiteral("orders"), 3);
    auto offsets = [&](qint64 h0, qint64 h1, qint64 h2) {
        QList<PartitionOffsetState> out;
        const qint64 highs[] = {h0, h1, h2};
        for (int p = 0; p < 3; ++p)
            out << PartitionOffsetState{topic.name, p, p % 3, 0, highs[p], double(highs[p]) / 10.0, {}, false};
        return out;
    };
    model.setData(topic, {}); // the metadata first, the watermarks later
    QCOMPARE(proxy.rowCount(), 3);
    model.setData(topic, offsets(10, 30, 20));
    proxy.sort(PartitionTableModel::Messages, Qt::DescendingOrder);
    QCOMPARE(column0(proxy), (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("0")}));
    model.setData(topic, offsets(100, 30, 20)); // in place; the proxy moves the row
    QCOMPARE(column0(proxy), (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}));
    model.setData(makeTopic(topic.name, 5), offsets(100, 30, 20)); // partitions added
    QCOMPARE(proxy.rowCount(), 5);
    // The Topics panel's detail: a one-off look-up, no rates.
    model.setTopic(makeTopic(topic.name, 2), {PartitionOffsets{topic.name, 0, 0, 7, {}}, PartitionOffsets{topic.name, 1, 0, 9, {}}});
    QCOMPARE(proxy.rowCount(), 2);
    model.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void TestItemModels::messageTableVirtual()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, kQtTest);
    QSignalSpy wanted(&model, &MessageTableModel::pageWanted);
    // Partition 1 is empty: its range shares its first row with partition 2's.
    model.setRanges({PartitionRange{0, 0, 1200, {}}, PartitionRange{1, 10, 10, {}}, PartitionRange{2, 5, 705, {}}});
    QCOMPARE(model.rowCount(), 1900);
    QCOMPARE(model.index(1200, MessageTableModel::Value).data().toString(), QStringLiteral("loading…"));
    auto asked = [&](int partition, qint64 from, qint64 to) {
        for (const QList<QVariant> &w : std::as_const(wanted))
            if (w.at(0).toInt() == partition && w.at(1).toLongLong() == from && w.at(2).toLongLong() == to)
                return true;
        return false;
    };
    QVERIFY(asked(2, 5, 505));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addPage(2, 5, messages(2, 5, MessageTableModel::kPageSize));
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.index(1200, MessageTableModel::Value).data().toString().startsWith(QStringLiteral("{\"v\":5}")));
    // The last page of each partition is short; the one at the end of the table too.
    model.addPage(0, 1000, messages(0, 1000, 200));
    model.addPage(2, 505, messages(2, 505, 200));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(model.index(1899, MessageTableModel::Offset).data().toLongLong(), 704);
    QVERIFY(model.isLoaded(1899));
    // A failed fetch leaves the rows loading; the page is asked for again when shown again.
    QCOMPARE(model.index(0, MessageTableModel::Value).data().toString(), QStringLiteral("loading…"));
    wanted.clear();
    QCOMPARE(model.index(0, MessageTableModel::Value).data().toString(), QStringLiteral("loading…"));
    QCOMPARE(wanted.count(), 0); // asked for once only
    model.forgetPending(0, 0);
    QCOMPARE(model.index(0, MessageTableModel::Value).data().toString(), QStringLiteral("loading…"));
    QVERIFY(asked(0, 0, 500));
    model.setRanges({PartitionRange{0, 0, 10, {}}}); // a new browse
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.cachedPageCount(), 0);
    model.setRanges({});
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::messageTableList()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, kQtTest);
    model.setRanges({PartitionRange{0, 0, 100, {}}});
    model.appendMessages(messages(0, 0, 4), 10); // live tail after a browse: list mode
    QVERIFY(!model.isVirtual());
    QCOMPARE(model.rowCount(), 4);
    model.appendMessages(messages(0, 4, 4), 10);
    QCOMPARE(model.rowCount(), 8);
    model.appendMessages(messages(0, 8, 5), 10); // the oldest rows make room
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0, MessageTableModel::Offset).data().toLongLong(), 3);
    model.appendMessages(messages(0, 13, 25), 10); // more than the cap at once
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0, MessageTableModel::Offset).data().toLongLong(), 28);
    model.appendMessages({}, 10);
    QCOMPARE(model.rowCount(), 10);
    model.setMessages(messages(1, 0, 3)); // filter results
    QCOMPARE(model.rowCount(), 3);
    model.setMessages({});
    QCOMPARE(model.rowCount(), 0);
}

// Decoded records show their decoded value (the tooltip names the schema); one that could not
// be decoded says so and keeps its bytes; refetchAll() asks again without a reset.
void TestItemModels::messageTableDecoded()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, kQtTest);
    model.setRanges({PartitionRange{0, 0, 3, {}}});
    QList<KafkaMessage> page = messages(0, 0, 3);
    auto decoded = std::make_shared<DecodedRecord>();
    decoded->valueDecoded = decoded->valueJson = true;
    decoded->value = R"({"device":"m-1","power":2.5})";
    decoded->valueKind = DecoderKind::AvroRegistry;
    decoded->valueSchemaId = 7;
    decoded->valueType = QStringLiteral("demo.Meter");
    page[0].value = QByteArray("\0\0\0\0\7\2x", 7);
    page[0].decoded = decoded;
    auto failed = std::make_shared<DecodedRecord>();
    failed->error = QStringLiteral("value: schema id 99 is unknown to the registry");
    page[1].value = QByteArray("\0\0\0\0\x63zz", 7);
    page[1].decoded = failed;
    model.addPage(0, 0, page);
    QCOMPARE(model.index(0, MessageTableModel::Value).data().toString(), QStringLiteral(R"({"device":"m-1","power":2.5})"));
    const QString tip = model.index(0, MessageTableModel::Value).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(QStringLiteral("Avro (registry) · schema id 7 · demo.Meter")), qPrintable(tip));
    QVERIFY(model.index(1, MessageTableModel::Value).data().toString().startsWith(QStringLiteral("⚠ cannot decode: 0x00 00")));
    QVERIFY(model.index(1, MessageTableModel::Value).data(Qt::ToolTipRole).toString().contains(QStringLiteral("schema id 99")));
    QVERIFY(model.index(2, MessageTableModel::Value).data().toString().startsWith(QStringLiteral("{\"v\":2}")));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy wanted(&model, &MessageTableModel::pageWanted);
    model.refetchAll();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.cachedPageCount(), 0);
    QCOMPARE(model.index(0, MessageTableModel::Value).data().toString(), QStringLiteral("loading…"));
    QCOMPARE(wanted.count(), 1);
}

void TestItemModels::telemetryDevices()
{
    auto store = std::make_shared<TelemetryStore>();
    TelemetryDeviceModel model(store);
    QSortFilterProxyModel proxy; // as the Telemetry panel
    proxy.setSourceModel(&model);
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setAutoAcceptChildRows(true);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setSortRole(TelemetryDeviceModel::SortRole);
    proxy.setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy.sort(TelemetryDeviceModel::Name);
    QAbstractItemModelTester t1(&model, kQtTest);
    QAbstractItemModelTester t2(&proxy, kQtTest);
    const QString temperature = QStringLiteral("temperature");
    const QString humidity = QStringLiteral("humidity");
    model.refresh(kT0); // nothing yet
    QCOMPARE(model.rowCount(), 0);
    feed(*store, {{QStringLiteral("sensor-b"), temperature, kT0, 20}, {QStringLiteral("sensor-a"), temperature, kT0, 21}});
    model.refresh(kT0 + 100);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(column0(proxy), (QStringList{QStringLiteral("sensor-a"), QStringLiteral("sensor-b")}));
    // A new key of a known device: child rows appended; new values: updated in place.
    feed(*store, {{QStringLiteral("sensor-b"), humidity, kT0 + 1000, 40}, {QStringLiteral("sensor-a"), temperature, kT0 + 1000, 22}});
    model.refresh(kT0 + 1100);
    const QModelIndex b = model.deviceIndex(QStringLiteral("sensor-b"));
    QCOMPARE(model.rowCount(b), 2);
    QVERIFY(model.keyIndex(QStringLiteral("sensor-b"), humidity).isValid());
    // A new device.
    feed(*store, {{QStringLiteral("sensor-c"), temperature, kT0 + 2000, 19}});
    model.refresh(kT0 + 2100);
    QCOMPARE(model.rowCount(), 3);
    // Stale after a while, then with a shorter stale time.
    model.refresh(kT0 + 60000);
    model.setStaleMs(5000);
    QVERIFY(model.deviceIndex(QStringLiteral("sensor-a")).data(TelemetryDeviceModel::StaleRole).toBool());
    // Sorted by another column, then filtered on a key name: the devices holding it stay.
    proxy.sort(TelemetryDeviceModel::Messages, Qt::DescendingOrder);
    proxy.setFilterFixedString(humidity);
    QCOMPARE(column0(proxy), QStringList{QStringLiteral("sensor-b")});
    proxy.setFilterFixedString({});
    QCOMPARE(proxy.rowCount(), 3);
    // Cleared (a new run): the model starts over.
    store->clear();
    model.refresh(kT0 + 61000);
    QCOMPARE(model.rowCount(), 0);
    feed(*store, {{QStringLiteral("sensor-z"), temperature, kT0 + 62000, 1}});
    model.refresh(kT0 + 62000);
    QCOMPARE(column0(proxy), QStringList{QStringLiteral("sensor-z")});
}

void TestItemModels::clusterTree()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Workspace workspace(dir.filePath(QStringLiteral("settings.ini")));
    ClusterTreeModel model(&workspace);
    QSortFilterProxyModel filter; // as the sidebar
    filter.setSourceModel(&model);
    filter.setRecursiveFilteringEnabled(true);
    filter.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QAbstractItemModelTester t1(&model, kQtTest);
    QAbstractItemModelTester t2(&filter, kQtTest);

    ConnectionProfile one;
    one.id = QStringLiteral("one");
    one.name = QStringLiteral("one");
    one.bootstrapServers = QStringLiteral("127.0.0.1:1"); // nothing listens: the session stays unconnected
    ConnectionProfile two = one;
    two.id = two.name = QStringLiteral("two");
    const int builtIn = model.rowCount(); // the demo cluster's entry
    workspace.saveProfile(one);
    workspace.saveProfile(two);
    QCOMPARE(model.rowCount(), builtIn + 2);

    ClusterSession *session = workspace.clusters().open(one);
    const QModelIndex cluster = model.clusterIndex(one.id);
    QVERIFY(cluster.isValid());
    // The session's snapshots, as its refresh emits them (its own stay away: no broker).
    ClusterSnapshot s;
    s.fetchedAt = QDateTime::fromMSecsSinceEpoch(kT0);
    s.brokers = {broker(1), broker(2)};
    s.controllerId = 1;
    s.topics = {makeTopic(QStringLiteral("__consumer_offsets"), 1), makeTopic(QStringLiteral("alarms"), 1),
                makeTopic(QStringLiteral("tb.telemetry"), 1)};
    s.groups = {GroupListing{QStringLiteral("dashboard"), QStringLiteral("Stable"), false, GroupType::Consumer, {}}};
    emit session->snapshotChanged(s);
    QCOMPARE(model.rowCount(cluster), 3);
    const QModelIndex topics = model.index(1, 0, cluster);
    QCOMPARE(column0(model, topics), (QStringList{QStringLiteral("alarms"), QStringLiteral("tb.telemetry")}));
    s.controllerId = 2; // labels change, keys stay: updated in place
    emit session->snapshotChanged(s);
    s.topics.removeAt(1); // a topic went, another came
    s.topics.append(makeTopic(QStringLiteral("tb.devices"), 1));
    s.groups.clear();
    emit session->snapshotChanged(s);
    QCOMPARE(column0(model, topics), (QStringList{QStringLiteral("tb.telemetry"), QStringLiteral("tb.devices")}));
    model.setShowInternalTopics(true);
    QCOMPARE(model.rowCount(topics), 3);
    filter.setFilterFixedString(QStringLiteral("tb.dev"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setFilterFixedString({});
    emit session->statusChanged(SessionStatus{});
    workspace.clusters().close(one.id); // the children go
    QCOMPARE(model.rowCount(model.clusterIndex(one.id)), 0);
    workspace.removeProfile(two.id);
    QCOMPARE(model.rowCount(), builtIn + 1);
}

KAFKASCOPE_GUI_TEST_MAIN(TestItemModels)
#include "tst_item_models.moc"
