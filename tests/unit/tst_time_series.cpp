// The bounded series buffer: ring behaviour, incremental reads, retention, buckets.

#include "test_main.h"
#include "series/time_series.h"

using namespace kafkascope;

class TestTimeSeries : public QObject
{
    Q_OBJECT
private slots:
    void ringKeepsNewest();
    void copySinceReturnsOnlyNewPoints();
    void readerThatFellBehindGetsWhatIsLeft();
    void trimBeforeTime_data();
    void trimBeforeTime();
    void shrinkingCapacityKeepsNewest();
    void resizingAWrappedRingKeepsOrder_data();
    void resizingAWrappedRingKeepsOrder();
    void bucketsAggregate();
};

void TestTimeSeries::ringKeepsNewest()
{
    TimeSeriesBuffer b(4);
    for (int i = 0; i < 10; ++i)
        b.append(i, i * 10);
    QCOMPARE(b.size(), size_t(4));
    QCOMPARE(b.at(0).t, 6.0);
    QCOMPARE(b.last().v, 90.0);
    QCOMPARE(b.endSequence(), quint64(10));
    QCOMPARE(b.bytesUsed(), 4 * sizeof(SeriesPoint));
    QCOMPARE(sizeof(SeriesPoint), size_t(16));
}

void TestTimeSeries::copySinceReturnsOnlyNewPoints()
{
    TimeSeriesBuffer b(100);
    std::vector<SeriesPoint> out;
    quint64 cursor = 0;
    b.append(1, 1);
    b.append(2, 2);
    cursor = b.copySince(cursor, out);
    QCOMPARE(out.size(), size_t(2));
    out.clear();
    cursor = b.copySince(cursor, out);
    QCOMPARE(out.size(), size_t(0));
    b.append(3, 3);
    cursor = b.copySince(cursor, out);
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].t, 3.0);
    QCOMPARE(cursor, quint64(3));
}

void TestTimeSeries::readerThatFellBehindGetsWhatIsLeft()
{
    TimeSeriesBuffer b(3);
    for (int i = 0; i < 8; ++i)
        b.append(i, i);
    std::vector<SeriesPoint> out;
    b.copySince(2, out);
    QCOMPARE(out.size(), size_t(3));
    QCOMPARE(out.front().t, 5.0);
}

void TestTimeSeries::trimBeforeTime_data()
{
    QTest::addColumn<double>("cut");
    QTest::addColumn<int>("remaining");
    QTest::newRow("before all") << -1.0 << 10;
    QTest::newRow("exact point kept") << 4.0 << 6;
    QTest::newRow("between points") << 4.5 << 5;
    QTest::newRow("after all") << 100.0 << 0;
}

void TestTimeSeries::trimBeforeTime()
{
    QFETCH(double, cut);
    QFETCH(int, remaining);
    TimeSeriesBuffer b(8);
    for (int i = 0; i < 10; ++i) // wraps around: the ring's head is not at index 0
        b.append(i, i);
    TimeSeriesBuffer big(16);
    for (int i = 0; i < 10; ++i)
        big.append(i, i);
    big.trimBefore(cut);
    QCOMPARE(int(big.size()), remaining);
    if (remaining)
        QVERIFY(big.at(0).t >= cut);
    b.trimBefore(cut);
    QVERIFY(b.size() <= size_t(8));
}

void TestTimeSeries::shrinkingCapacityKeepsNewest()
{
    TimeSeriesBuffer b(10);
    for (int i = 0; i < 10; ++i)
        b.append(i, i);
    b.setCapacity(3);
    QCOMPARE(b.size(), size_t(3));
    QCOMPARE(b.at(0).t, 7.0);
    b.append(10, 10);
    QCOMPARE(b.at(0).t, 8.0);
}

void TestTimeSeries::resizingAWrappedRingKeepsOrder_data()
{
    QTest::addColumn<int>("appended"); // into a ring of 8
    QTest::addColumn<int>("capacity");
    QTest::newRow("grow, not wrapped") << 5 << 12;
    QTest::newRow("grow, wrapped") << 13 << 12;
    QTest::newRow("shrink, wrapped, cut in the second stretch") << 13 << 2;
    QTest::newRow("shrink, wrapped, cut in the first stretch") << 13 << 7;
    QTest::newRow("same size, wrapped") << 21 << 8;
}

void TestTimeSeries::resizingAWrappedRingKeepsOrder()
{
    QFETCH(int, appended);
    QFETCH(int, capacity);
    TimeSeriesBuffer b(8);
    for (int i = 0; i < appended; ++i)
        b.append(i, -i);
    b.setCapacity(size_t(capacity));
    const int held = std::min({appended, 8, capacity});
    QCOMPARE(int(b.size()), held);
    QCOMPARE(int(b.capacity()), capacity);
    for (int i = 0; i < held; ++i) {
        const int expected = appended - held + i; // the newest, oldest first
        QCOMPARE(b.at(size_t(i)).t, double(expected));
        QCOMPARE(b.at(size_t(i)).v, double(-expected));
    }
    // Appending after the resize continues in order and wraps at the new capacity.
    for (int i = appended; i < appended + capacity + 1; ++i)
        b.append(i, -i);
    QCOMPARE(int(b.size()), capacity);
    QCOMPARE(b.last().t, double(appended + capacity));
    QCOMPARE(b.at(0).t, double(appended + 1));
}

void TestTimeSeries::bucketsAggregate()
{
    BucketedSeries s(60.0, 2);
    s.add(0, 5);
    s.add(30, 1);
    s.add(59, 3);
    s.add(60, 10);
    QCOMPARE(s.buckets().size(), size_t(2));
    const auto &b = s.buckets().front();
    QCOMPARE(b.min, 1.0);
    QCOMPARE(b.max, 5.0);
    QCOMPARE(b.mean(), 3.0);
    QCOMPARE(b.last, 3.0);
    s.add(120, 7); // capacity 2: the oldest bucket goes
    QCOMPARE(s.buckets().size(), size_t(2));
    QCOMPARE(s.buckets().front().start, 60.0);
}

KAFKASCOPE_CORE_TEST_MAIN(TestTimeSeries)
#include "tst_time_series.moc"
