// The offset history store: per-partition, per-topic and cluster series, incremental reads,
// downsampling into buckets for long windows, and the per-partition point budget.

#include "throughput/offset_history.h"
#include "test_main.h"

#include <QTest>

using namespace kafkascope;

namespace {
// One refresh of `partitions` partitions of topic "t", each at `rate` msg/s.
OffsetsSnapshot refresh(double t, int partitions, double rate, qint64 high)
{
    OffsetsSnapshot s;
    s.t = t;
    double total = 0;
    for (int p = 0; p < partitions; ++p) {
        PartitionOffsetState st;
        st.topic = QStringLiteral("t");
        st.partition = p;
        st.leader = 1;
        st.low = 0;
        st.high = high;
        st.rate = rate;
        total += rate;
        s.partitions.append(st);
    }
    s.topicRates.insert(QStringLiteral("t"), total);
    s.clusterRate = total;
    return s;
}
} // namespace

class TestOffsetHistory : public QObject
{
    Q_OBJECT
private slots:
    void seriesPerLevel();
    void errorsAndUnknownRatesAddNoSample();
    void copySinceReturnsOnlyNewPoints();
    void downsampling_data();
    void downsampling();
    void partitionBudgetBoundsMemory();
    void outageIsAGap_data();
    void outageIsAGap();
    void missingBucketsAreAGap();
};

void TestOffsetHistory::outageIsAGap_data()
{
    QTest::addColumn<bool>("wholeRefreshFails"); // every broker down, or one partition's leader
    QTest::newRow("every broker down") << true;
    QTest::newRow("one partition without a leader") << false;
}

void TestOffsetHistory::outageIsAGap()
{
    QFETCH(bool, wholeRefreshFails);
    OffsetHistory h;
    for (int i = 0; i < 5; ++i)
        h.append(refresh(1000 + i, 2, 100, 100 * i));
    // Ten refreshes during the outage: no value for what failed.
    for (int i = 5; i < 15; ++i) {
        OffsetsSnapshot s = refresh(1000 + i, 2, 100, 100 * i);
        s.partitions[1].error = QStringLiteral("broker 1: Local: Broker transport failure");
        s.partitions[1].rate = std::nan("");
        s.topicRates[QStringLiteral("t")] = 100;
        s.clusterRate = 100;
        if (wholeRefreshFails) {
            s.partitions[0].error = s.partitions[1].error;
            s.partitions[0].rate = std::nan("");
            s.topicRates.clear();
            s.clusterRate = std::nan("");
            s.error = s.partitions[1].error;
        }
        h.append(s);
    }
    h.append(refresh(1015, 2, 0, 1500));
    const auto failed = h.series(SeriesKey::partitionSeries(OffsetMetric::Rate, QStringLiteral("t"), 1), 0);
    QCOMPARE(failed.size(), size_t(7)); // 5 before, one gap, one after
    QCOMPARE(failed[5].t, 1005.0);
    QVERIFY(std::isnan(failed[5].v));
    QCOMPARE(failed[6].v, 0.0);
    const auto high = h.series(SeriesKey::partitionSeries(OffsetMetric::High, QStringLiteral("t"), 1), 0);
    QVERIFY(std::isnan(high[5].v));
    const auto cluster = h.series(SeriesKey::cluster(), 0);
    QCOMPARE(std::isnan(cluster[5].v), wholeRefreshFails);
    QCOMPARE(cluster.size(), wholeRefreshFails ? size_t(7) : size_t(16));
    for (const SeriesPoint &p : cluster)
        QVERIFY(std::isnan(p.v) || p.v >= 0); // a rate is never negative
}

void TestOffsetHistory::missingBucketsAreAGap()
{
    OffsetHistory::Limits limits;
    limits.rawSeconds = 60;
    OffsetHistory h(limits);
    const double t0 = 6000;
    auto run = [&](double from, double to) {
        for (double t = from; t < to; t += 2)
            h.append(refresh(t, 1, 5, qint64(t)));
    };
    run(t0, t0 + 300);
    OffsetsSnapshot down = refresh(t0 + 302, 1, 0, 0);
    down.partitions[0].error = QStringLiteral("down");
    down.topicRates.clear();
    down.clusterRate = std::nan("");
    h.append(down);
    run(t0 + 900, t0 + 1200); // ten minutes without a bucket, then five with
    const auto all = h.series(SeriesKey::cluster(), 0);
    int gaps = 0;
    for (size_t i = 1; i < all.size(); ++i) {
        QVERIFY(all[i].t >= all[i - 1].t);
        if (std::isnan(all[i].v)) {
            ++gaps;
            continue;
        }
        if (!std::isnan(all[i - 1].v)) // drawn segments never span the outage
            QVERIFY2(all[i].t - all[i - 1].t < 120, qPrintable(QString::number(all[i - 1].t - t0)));
    }
    QVERIFY(gaps >= 1);
}

void TestOffsetHistory::seriesPerLevel()
{
    OffsetHistory h;
    h.append(refresh(1000, 2, 5, 100));
    h.append(refresh(1002, 2, 7, 114));
    QCOMPARE(h.sequence(), quint64(2));
    const auto cluster = h.series(SeriesKey::cluster(), 0);
    QCOMPARE(cluster.size(), size_t(2));
    QCOMPARE(cluster[1].v, 14.0);
    QCOMPARE(h.series(SeriesKey::topicRate(QStringLiteral("t")), 0)[0].v, 10.0);
    const auto high = h.series(SeriesKey::partitionSeries(OffsetMetric::High, QStringLiteral("t"), 1), 0);
    QCOMPARE(high.size(), size_t(2));
    QCOMPARE(high[1].t, 1002.0);
    QCOMPARE(high[1].v, 114.0);
    QCOMPARE(h.latest().partitions.size(), 2);
    QCOMPARE(h.latest().topic(QStringLiteral("t"))[1].high, qint64(114));
}

void TestOffsetHistory::errorsAndUnknownRatesAddNoSample()
{
    OffsetHistory h;
    OffsetsSnapshot s = refresh(1000, 2, std::nan(""), 10);
    s.topicRates.clear();
    s.clusterRate = std::nan("");
    s.partitions[1].error = QStringLiteral("leader unknown");
    h.append(s);
    QVERIFY(!h.contains(SeriesKey::cluster()));
    QVERIFY(!h.contains(SeriesKey::partitionSeries(OffsetMetric::Rate, QStringLiteral("t"), 0)));
    QVERIFY(h.contains(SeriesKey::partitionSeries(OffsetMetric::High, QStringLiteral("t"), 0)));
    QVERIFY(!h.contains(SeriesKey::partitionSeries(OffsetMetric::High, QStringLiteral("t"), 1)));
    QCOMPARE(h.latest().partitions[1].error, QStringLiteral("leader unknown"));
}

void TestOffsetHistory::copySinceReturnsOnlyNewPoints()
{
    OffsetHistory h;
    std::vector<OffsetHistory::Cursor> cursors(2);
    cursors[0].key = SeriesKey::cluster();
    cursors[1].key = SeriesKey::partitionSeries(OffsetMetric::Rate, QStringLiteral("t"), 0);
    h.copySince(cursors); // nothing yet: no series, no points
    QVERIFY(cursors[0].points.empty());
    for (int i = 0; i < 3; ++i)
        h.append(refresh(1000 + 2 * i, 1, i, 10 * i));
    h.copySince(cursors);
    QCOMPARE(cursors[0].points.size(), size_t(3));
    QCOMPARE(cursors[1].points.size(), size_t(3));
    cursors[0].points.clear();
    cursors[1].points.clear();
    h.append(refresh(1006, 1, 42, 100));
    h.copySince(cursors);
    QCOMPARE(cursors[0].points.size(), size_t(1));
    QCOMPARE(cursors[0].points[0].v, 42.0);
    QCOMPARE(cursors[0].points[0].t, 1006.0);
}

void TestOffsetHistory::downsampling_data()
{
    QTest::addColumn<double>("rawSeconds");
    QTest::addColumn<double>("spanSeconds");
    QTest::addColumn<int>("expectedBuckets"); // bucket points before the raw samples
    // Raw keeps 120 s; 600 s of samples at 2 s: the older 480 s become 1-minute buckets.
    QTest::newRow("10 min, 2 min raw") << 120.0 << 600.0 << 8;
    QTest::newRow("all raw") << 3600.0 << 600.0 << 0;
    QTest::newRow("1 h, 5 min raw") << 300.0 << 3600.0 << 55;
}

void TestOffsetHistory::downsampling()
{
    QFETCH(double, rawSeconds);
    QFETCH(double, spanSeconds);
    QFETCH(int, expectedBuckets);
    OffsetHistory::Limits limits;
    limits.rawSeconds = rawSeconds;
    limits.bucketSeconds = 60;
    OffsetHistory h(limits);
    const double t0 = 1'700'000'040; // minute-aligned
    // The rate is the minute number, so each bucket's mean is known exactly.
    for (double t = t0; t < t0 + spanSeconds; t += 2)
        h.append(refresh(t, 1, std::floor((t - t0) / 60), 0));
    const auto all = h.series(SeriesKey::cluster(), 0);
    const double rawStart = t0 + spanSeconds - 2 - rawSeconds; // newest - retention
    int buckets = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        if (i > 0)
            QVERIFY(all[i].t > all[i - 1].t); // ascending, no overlap between resolutions
        if (all[i].t < rawStart) {
            ++buckets;
            QCOMPARE(all[i].v, std::floor((all[i].t - t0) / 60)); // mean of that minute
        }
    }
    QCOMPARE(buckets, expectedBuckets);
    // Raw part: every 2 s sample of the retention window.
    QCOMPARE(int(all.size()) - buckets, int(std::min(rawSeconds, spanSeconds - 2) / 2) + 1);
    // A window starting later only gets the raw points in it.
    QCOMPARE(h.series(SeriesKey::cluster(), t0 + spanSeconds - 10).size(), size_t(5));
}

void TestOffsetHistory::partitionBudgetBoundsMemory()
{
    OffsetHistory::Limits limits;
    limits.partitionPointBudget = 30'000;
    OffsetHistory h(limits);
    h.append(refresh(1000, 10, 1, 0)); // 10 partitions: 1000 points per series
    const SeriesKey p0 = SeriesKey::partitionSeries(OffsetMetric::Rate, QStringLiteral("t"), 0);
    QCOMPARE(h.rawCapacityOf(p0), size_t(1000));
    h.append(refresh(1002, 100, 1, 0)); // 100 partitions: the budget is shared again
    QCOMPARE(h.rawCapacityOf(p0), size_t(100));
    QCOMPARE(h.rawCapacityOf(SeriesKey::partitionSeries(OffsetMetric::High, QStringLiteral("t"), 99)), size_t(100));
    // Cluster and topic series are not part of the partition budget.
    QCOMPARE(h.rawCapacityOf(SeriesKey::cluster()), size_t(3600));
    for (int i = 0; i < 300; ++i)
        h.append(refresh(1004 + 2 * i, 100, 1, 0));
    QVERIFY(h.series(p0, 0).size() <= 100 + 10); // raw limit plus ~10 minutes of buckets
    QCOMPARE(h.series(SeriesKey::cluster(), 0).size(), size_t(302));
}

KAFKASCOPE_CORE_TEST_MAIN(TestOffsetHistory)
#include "tst_offset_history.moc"
