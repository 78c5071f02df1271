// The bounded series buffer: ring behaviour, incremental reads, retention, buckets; over
// many compressed blocks checked against a plain deque doing the same operations; and the
// per-pixel-column summary against one computed from every point.

#include "test_main.h"
#include "series/time_series.h"

#include <bit>
#include <deque>
#include <random>

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
    void insertKeepsTimeOrder_data();
    void insertKeepsTimeOrder();
    void bucketsAggregate();
    void blocksBehaveLikeADeque_data();
    void blocksBehaveLikeADeque();
    void summaryMatchesEveryPoint_data();
    void summaryMatchesEveryPoint();
    void memoryFollowsCompression();
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
    QVERIFY(b.bytesUsed() <= 16 * sizeof(SeriesPoint)); // ten points, all in the head
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

void TestTimeSeries::insertKeepsTimeOrder_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<QList<double>>("times");
    QTest::addColumn<QList<double>>("expected");
    QTest::addColumn<int>("rewrites");
    QTest::newRow("in order") << 8 << QList<double>{1, 2, 3} << QList<double>{1, 2, 3} << 0;
    QTest::newRow("late oldest") << 8 << QList<double>{2, 3, 4, 1} << QList<double>{1, 2, 3, 4} << 1;
    QTest::newRow("late middle, equal times") << 8 << QList<double>{1, 2, 4, 2} << QList<double>{1, 2, 2, 4} << 1;
    QTest::newRow("wrapped ring") << 4 << QList<double>{1, 2, 3, 5, 6, 4} << QList<double>{3, 4, 5, 6} << 1;
    QTest::newRow("full, older than all held") << 3 << QList<double>{5, 6, 7, 1} << QList<double>{5, 6, 7} << 0;
}

void TestTimeSeries::insertKeepsTimeOrder()
{
    QFETCH(int, capacity);
    QFETCH(QList<double>, times);
    QFETCH(QList<double>, expected);
    QFETCH(int, rewrites);
    TimeSeriesBuffer b{size_t(capacity)};
    for (double t : times)
        b.insert(t, t * 10);
    QList<double> held;
    for (size_t i = 0; i < b.size(); ++i) {
        held << b.at(i).t;
        QCOMPARE(b.at(i).v, b.at(i).t * 10);
    }
    QCOMPARE(held, expected);
    QCOMPARE(int(b.rewrites()), rewrites);
    std::vector<SeriesPoint> out;
    b.copySince(0, out); // the sequence numbers still cover exactly what is held
    QCOMPARE(out.size(), b.size());
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

namespace {
bool same(const SeriesPoint &a, const SeriesPoint &b)
{
    return std::bit_cast<quint64>(a.t) == std::bit_cast<quint64>(b.t)
        && std::bit_cast<quint64>(a.v) == std::bit_cast<quint64>(b.v);
}
} // namespace

void TestTimeSeries::blocksBehaveLikeADeque_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<quint64>("seed");
    for (int capacity : {700, 5000, 100000})
        for (quint64 seed : {1, 2, 3})
            QTest::addRow("capacity %d, seed %llu", capacity, seed) << capacity << seed;
}

// Random appends (decimal values, now and then a NaN), trims, capacity changes and reads;
// after each step the buffer holds exactly what a deque doing the same holds.
void TestTimeSeries::blocksBehaveLikeADeque()
{
    QFETCH(int, capacity);
    QFETCH(quint64, seed);
    std::mt19937_64 rng(seed);
    TimeSeriesBuffer b{size_t(capacity)};
    std::deque<SeriesPoint> model;
    size_t limit = size_t(capacity);
    quint64 appended = 0, cursor = 0;
    double t = 1764547200.0;
    for (int step = 0; step < 400; ++step) {
        const int op = int(rng() % 20);
        if (op < 16) {
            const int n = int(rng() % 700);
            for (int i = 0; i < n; ++i) {
                t += double(990 + rng() % 21) / 1000.0;
                const double v = rng() % 97 == 0 ? std::nan("") : double(int(rng() % 10000) - 5000) / 100.0;
                b.append(t, v);
                model.push_back({t, v});
                ++appended;
                if (model.size() > limit)
                    model.pop_front();
            }
        } else if (op < 18 && !model.empty()) {
            const double cut = model[rng() % model.size()].t + (rng() % 2 ? 0.0005 : 0.0);
            b.trimBefore(cut);
            while (!model.empty() && model.front().t < cut)
                model.pop_front();
        } else if (op == 18) {
            limit = size_t(capacity / 2 + int(rng() % size_t(capacity)));
            b.setCapacity(limit);
            while (model.size() > limit)
                model.pop_front();
        } else {
            b.clear();
            model.clear();
        }
        QCOMPARE(b.size(), model.size());
        QCOMPARE(b.endSequence(), appended);
        std::vector<SeriesPoint> all;
        b.copyFrom(0, all);
        QCOMPARE(all.size(), model.size());
        for (size_t i = 0; i < all.size(); ++i)
            QVERIFY2(same(all[i], model[i]), qPrintable(QStringLiteral("step %1, point %2").arg(step).arg(i)));
        if (!model.empty()) {
            const size_t i = rng() % model.size();
            QVERIFY(same(b.at(i), model[i]));
            QCOMPARE(b.lowerBound(model[i].t), i); // times are strictly increasing here
            QCOMPARE(b.lowerBound(model[i].t + 0.0001), i + 1);
            QVERIFY(same(b.last(), model.back()));
        }
        // An incremental reader gets exactly the points appended since its last visit.
        std::vector<SeriesPoint> fresh;
        const quint64 first = appended - model.size();
        const quint64 from = std::max(cursor, first);
        cursor = b.copySince(cursor, fresh);
        QCOMPARE(fresh.size(), size_t(appended - from));
        if (!fresh.empty())
            QVERIFY(same(fresh.back(), model.back()));
    }
}

void TestTimeSeries::summaryMatchesEveryPoint_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("columns");
    QTest::addColumn<double>("fromShare"); // of the time span
    QTest::addColumn<double>("toShare");
    QTest::newRow("1 point a column") << 1280 << 1280 << 0.0 << 1.0;
    QTest::newRow("many blocks a column") << 200000 << 100 << 0.0 << 1.0;
    QTest::newRow("a few blocks a column, zoomed") << 200000 << 640 << 0.2 << 0.7;
    QTest::newRow("under a block a column") << 50000 << 1280 << 0.1 << 0.9;
    QTest::newRow("beyond the data") << 5000 << 300 << -0.5 << 1.5;
    QTest::newRow("all in the head") << 300 << 1280 << 0.0 << 1.0;
}

// Per column, the first, lowest, highest and last point of a brute-force pass over every
// point; plus the neighbours beyond each end.
void TestTimeSeries::summaryMatchesEveryPoint()
{
    QFETCH(int, points);
    QFETCH(int, columns);
    QFETCH(double, fromShare);
    QFETCH(double, toShare);
    std::mt19937_64 rng(7);
    TimeSeriesBuffer b{size_t(points)};
    std::vector<SeriesPoint> all;
    double t = 1000.0, v = 0;
    for (int i = 0; i < points; ++i) {
        t += double(1 + rng() % 3) / 10.0;
        v = double(std::llround((v + double(int(rng() % 201) - 100) / 100.0) * 100)) / 100.0;
        b.append(t, v);
        all.push_back({t, v});
    }
    const double span = all.back().t - all.front().t;
    const double from = all.front().t + span * fromShare, to = all.front().t + span * toShare;
    std::vector<SeriesPoint> got;
    b.summarise(from, to, columns, got);

    std::vector<SeriesPoint> want;
    const auto column = [&](double time) {
        const double x = std::floor((time - from) / (to - from) * columns);
        return !(x > 0) ? 0 : x >= columns - 1 ? columns - 1 : int(x);
    };
    size_t i = 0;
    while (i < all.size() && all[i].t < from)
        ++i;
    if (i > 0)
        want.push_back(all[i - 1]);
    while (i < all.size() && all[i].t <= to) {
        const int c = column(all[i].t);
        SeriesPoint first = all[i], low = all[i], high = all[i], last = all[i];
        for (; i < all.size() && all[i].t <= to && column(all[i].t) == c; ++i) {
            if (all[i].v < low.v)
                low = all[i];
            if (all[i].v > high.v)
                high = all[i];
            last = all[i];
        }
        std::vector<SeriesPoint> keep{first, low, high, last};
        std::stable_sort(keep.begin(), keep.end(), [](auto &a, auto &b) { return a.t < b.t; });
        for (const auto &p : keep)
            if (want.empty() || !same(want.back(), p))
                want.push_back(p);
    }
    if (i < all.size())
        want.push_back(all[i]);
    QCOMPARE(got.size(), want.size());
    for (size_t k = 0; k < got.size(); ++k)
        QVERIFY2(same(got[k], want[k]), qPrintable(QStringLiteral("point %1").arg(k)));
    QVERIFY(got.size() <= size_t(columns) * 4 + 2); // what is drawn follows pixels
}

void TestTimeSeries::memoryFollowsCompression()
{
    // A day of a 2-decimal sensor at 1 Hz with millisecond jitter: far below 16 bytes a point.
    std::mt19937_64 rng(3);
    TimeSeriesBuffer b(86400);
    double ms = 1764547200000.0, v = 20;
    for (int i = 0; i < 86400; ++i) {
        ms += 1000 + double(int(rng() % 41) - 20);
        v = double(std::llround((v + double(int(rng() % 21) - 10) / 100.0) * 100)) / 100.0;
        b.append(ms / 1000.0, v);
    }
    const double perPoint = double(b.bytesUsed()) / double(b.size());
    qInfo("%.2f bytes per point", perPoint);
    QVERIFY2(perPoint < 3.0, qPrintable(QString::number(perPoint)));
    QCOMPARE(b.encoding().gorillaBlocks, size_t(0));
    QVERIFY(b.encoding().alpBlocks >= 86400 / TimeSeriesBuffer::kBlockPoints);
}

KAFKASCOPE_CORE_TEST_MAIN(TestTimeSeries)
#include "tst_time_series.moc"
