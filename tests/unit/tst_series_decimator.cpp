// A chart series' full data and its per-pixel-column decimation: every column keeps its
// first and last point and its exact lowest and highest value, in time order, in at most
// four points; small series pass through unchanged; appends, late points and trims keep the
// block summary right. Random data with a fixed seed, checked against brute force.

#include "series_decimator.h"
#include "test_main.h"

#include <QTest>
#include <cmath>
#include <random>

namespace {

using Point = SeriesData::Point;

struct Shape
{
    int points;
    double step;     // mean time between points; each gap is random in (0, 2 x step)
    bool duplicates; // some points share their time with the previous one
    bool nans;       // some values are NaN
};

// Times ascending from 1000, values a random walk with rare tall spikes.
std::vector<Point> randomSeries(const Shape &shape, std::mt19937 &rng)
{
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<Point> out;
    double t = 1000, v = 0;
    for (int i = 0; i < shape.points; ++i) {
        if (!(shape.duplicates && i > 0 && unit(rng) < 0.1))
            t += 2 * shape.step * unit(rng);
        v += unit(rng) - 0.5;
        double value = unit(rng) < 0.001 ? v + (unit(rng) < 0.5 ? -500 : 500) : v;
        if (shape.nans && unit(rng) < 0.01)
            value = std::nan("");
        out.push_back({t, value});
    }
    return out;
}

void fill(SeriesData &data, const std::vector<Point> &points)
{
    std::vector<double> t, v;
    for (const Point &p : points) {
        t.push_back(p.t);
        v.push_back(p.v);
    }
    data.append(t, v);
}

bool same(const Point &a, const Point &b)
{
    return a.t == b.t && (a.v == b.v || (std::isnan(a.v) && std::isnan(b.v)));
}

// Lowest and highest non-NaN value of points[from, to), or NaN/NaN if there is none.
std::pair<double, double> bruteExtremes(const std::vector<Point> &points, size_t from, size_t to)
{
    double lo = std::nan(""), hi = std::nan("");
    for (size_t i = from; i < to; ++i) {
        const double v = points[i].v;
        if (std::isnan(v))
            continue;
        lo = std::isnan(lo) ? v : std::min(lo, v);
        hi = std::isnan(hi) ? v : std::max(hi, v);
    }
    return {lo, hi};
}

std::vector<Point> contents(const SeriesData &data)
{
    std::vector<Point> out;
    for (size_t i = 0; i < data.size(); ++i)
        out.push_back(data.at(i));
    return out;
}

// Everything the decimation of `points` for [from, to] over `columns` must satisfy.
void verifyDecimation(const std::vector<Point> &points, const std::vector<Point> &out, double from,
                      double to, int columns)
{
    // Real points, in time order: `out` is a subsequence of the data.
    size_t at = 0;
    for (const Point &p : out) {
        while (at < points.size() && !same(points[at], p))
            ++at;
        QVERIFY2(at < points.size(), "a decimated point is not a data point in time order");
        ++at;
    }
    QVERIFY2(out.size() <= 4 * size_t(columns) + 2, qPrintable(QString::number(out.size())));
    if (points.size() <= 2 * size_t(columns)) {
        QCOMPARE(out.size(), points.size()); // small: the whole series, unchanged
        return;
    }
    auto earlier = [](const Point &p, double t) { return p.t < t; };
    const size_t first =
        size_t(std::lower_bound(points.begin(), points.end(), from, earlier) - points.begin());
    const size_t end = size_t(std::upper_bound(points.begin(), points.end(), to,
                                               [](double t, const Point &p) { return t < p.t; }) -
                              points.begin());
    // The line runs on to the edges: the nearest point beyond each end is kept.
    size_t o = 0, oEnd = out.size();
    if (first > 0) {
        QVERIFY(!out.empty() && same(out.front(), points[first - 1]));
        o = 1;
    }
    if (end < points.size()) {
        QVERIFY(!out.empty() && same(out.back(), points[end]));
        --oEnd;
    }
    QVERIFY(o <= oEnd);
    if (end - first <= 2 * size_t(columns)) { // few in range: those, unchanged
        QCOMPARE(oEnd - o, end - first);
        return;
    }
    // Column by column: the data's first, last, lowest and highest are all there.
    size_t i = first;
    while (i < end) {
        const int column = SeriesDecimator::columnOf(points[i].t, from, to, columns);
        size_t next = i;
        while (next < end && SeriesDecimator::columnOf(points[next].t, from, to, columns) == column)
            ++next;
        size_t k = o;
        while (k < oEnd && SeriesDecimator::columnOf(out[k].t, from, to, columns) == column)
            ++k;
        QVERIFY2(k > o, qPrintable(QStringLiteral("column %1 has no point").arg(column)));
        QVERIFY(k - o <= 4);
        QVERIFY(same(out[o], points[i]));
        QVERIFY(same(out[k - 1], points[next - 1]));
        const auto [lo, hi] = bruteExtremes(points, i, next);
        const auto [outLo, outHi] = bruteExtremes(out, o, k);
        QVERIFY2(
            (std::isnan(lo) && std::isnan(outLo)) || lo == outLo,
            qPrintable(QStringLiteral("column %1 min %2 != %3").arg(column).arg(outLo).arg(lo)));
        QVERIFY2(
            (std::isnan(hi) && std::isnan(outHi)) || hi == outHi,
            qPrintable(QStringLiteral("column %1 max %2 != %3").arg(column).arg(outHi).arg(hi)));
        i = next;
        o = k;
    }
    QCOMPARE(o, oEnd); // no column without data
}

} // namespace

Q_DECLARE_METATYPE(Shape)

class TestSeriesDecimator : public QObject
{
    Q_OBJECT
private slots:
    void decimation_data();
    void decimation();
    void columnOfEdges();
    void appendsAndTrimsKeepSummaryRight();
    void latePointsAreMergedInTimeOrder();
    void extremesSkipNaN();
    void cacheRecomputesOnlyOnChange();
};

void TestSeriesDecimator::decimation_data()
{
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<int>("columns");
    QTest::addColumn<double>("fromFraction"); // of the series' time span
    QTest::addColumn<double>("toFraction");
    QTest::newRow("empty") << Shape{0, 1, false, false} << 100 << 0.0 << 1.0;
    QTest::newRow("small: whole series") << Shape{150, 1, false, false} << 100 << 0.0 << 1.0;
    QTest::newRow("small, zoomed: still whole") << Shape{200, 1, false, false} << 100 << 0.4 << 0.6;
    QTest::newRow("few in range") << Shape{5000, 1, false, false} << 100 << 0.5 << 0.51;
    QTest::newRow("dense") << Shape{100000, 0.1, false, false} << 1280 << 0.0 << 1.0;
    QTest::newRow("dense, zoomed") << Shape{100000, 0.1, false, false} << 1280 << 0.3 << 0.45;
    QTest::newRow("dense, narrow plot") << Shape{20000, 1, false, false} << 7 << 0.0 << 1.0;
    QTest::newRow("range past both ends") << Shape{20000, 1, false, false} << 300 << -0.5 << 1.5;
    QTest::newRow("range after the data") << Shape{20000, 1, false, false} << 300 << 1.5 << 2.0;
    QTest::newRow("duplicate times") << Shape{30000, 1, true, false} << 500 << 0.1 << 0.9;
    QTest::newRow("NaNs") << Shape{30000, 1, false, true} << 500 << 0.0 << 1.0;
    QTest::newRow("about two per column") << Shape{2600, 1, false, false} << 1280 << 0.0 << 1.0;
    // Hundreds of points a column: the block summary instead of a pass over every point.
    QTest::newRow("very dense") << Shape{200000, 0.01, false, false} << 300 << 0.0 << 1.0;
    QTest::newRow("very dense, zoomed") << Shape{200000, 0.01, false, false} << 100 << 0.2 << 0.7;
    QTest::newRow("very dense, duplicates and NaNs")
        << Shape{200000, 0.01, true, true} << 150 << 0.1 << 0.9;
    QTest::newRow("tiny column width") << Shape{20000, 1e-6, false, false} << 1280 << 0.0 << 1.0;
}

void TestSeriesDecimator::decimation()
{
    QFETCH(Shape, shape);
    QFETCH(int, columns);
    QFETCH(double, fromFraction);
    QFETCH(double, toFraction);
    std::mt19937 rng(20240611);
    const std::vector<Point> points = randomSeries(shape, rng);
    SeriesData data;
    fill(data, points);
    QCOMPARE(data.size(), points.size());
    const double t0 = points.empty() ? 0 : points.front().t;
    const double span = points.empty() ? 1 : points.back().t - t0;
    const double from = t0 + fromFraction * span, to = t0 + toFraction * span;
    SeriesDecimator decimator;
    QVERIFY(decimator.update(data, from, to, columns));
    verifyDecimation(points, decimator.points(), from, to, columns);
}

void TestSeriesDecimator::columnOfEdges()
{
    QCOMPARE(SeriesDecimator::columnOf(10, 10, 20, 10), 0);
    QCOMPARE(SeriesDecimator::columnOf(10.99, 10, 20, 10), 0);
    QCOMPARE(SeriesDecimator::columnOf(11, 10, 20, 10), 1);
    QCOMPARE(SeriesDecimator::columnOf(20, 10, 20, 10), 9); // the right edge: last column
    QCOMPARE(SeriesDecimator::columnOf(25, 10, 20, 10), 9); // beyond: clamped
    QCOMPARE(SeriesDecimator::columnOf(5, 10, 20, 10), 0);  // before: clamped
    QCOMPARE(SeriesDecimator::columnOf(std::nan(""), 10, 20, 10), 0);
    QCOMPARE(SeriesDecimator::columnOf(15, 10, 10, 10), 0); // empty range
}

void TestSeriesDecimator::appendsAndTrimsKeepSummaryRight()
{
    // A live series: chunks appended, the oldest trimmed, many times over (past the point
    // where the dead prefix is compacted away), checked against a plain copy each round.
    std::mt19937 rng(7);
    const std::vector<Point> all = randomSeries({400000, 0.05, true, true}, rng);
    std::vector<Point> reference;
    SeriesData data;
    std::uniform_int_distribution<int> chunk(1, 6000);
    size_t next = 0;
    int round = 0;
    while (next < all.size()) {
        const size_t n = std::min(all.size() - next, size_t(chunk(rng)));
        const std::vector<Point> part(all.begin() + std::ptrdiff_t(next),
                                      all.begin() + std::ptrdiff_t(next + n));
        fill(data, part);
        reference.insert(reference.end(), part.begin(), part.end());
        next += n;
        if (++round % 3 == 0) { // keep about the newest 60,000
            const double cutoff = reference.back().t - 60000 * 0.05;
            data.trimBefore(cutoff);
            std::erase_if(reference, [cutoff](const Point &p) { return p.t < cutoff; });
        }
        QCOMPARE(data.size(), reference.size());
        QVERIFY(same(data.first(), reference.front()));
        QVERIFY(same(data.last(), reference.back()));
        if (round % 10 != 0)
            continue;
        QCOMPARE(contents(data).size(), reference.size());
        for (size_t i = 0; i < reference.size(); i += 97)
            QVERIFY(same(data.at(i), reference[i]));
        // Extremes of random ranges: the block summary against brute force.
        std::uniform_int_distribution<size_t> index(0, reference.size());
        for (int q = 0; q < 50; ++q) {
            size_t a = index(rng), b = index(rng);
            if (a > b)
                std::swap(a, b);
            const auto [lo, hi] = bruteExtremes(reference, a, b);
            const auto e = data.extremes(a, b);
            QCOMPARE(e.has_value(), !std::isnan(lo));
            if (e) {
                QVERIFY(e->minAt >= a && e->minAt < b && e->maxAt >= a && e->maxAt < b);
                QCOMPARE(data.at(e->minAt).v, lo);
                QCOMPARE(data.at(e->maxAt).v, hi);
            }
        }
        const double from = reference.front().t + 100, to = reference.back().t - 100;
        for (int columns : {1280, 60}) { // a pass over the points, and the block summary
            SeriesDecimator decimator;
            decimator.update(data, from, to, columns);
            verifyDecimation(reference, decimator.points(), from, to, columns);
        }
    }
    data.trimBefore(reference.back().t + 1);
    QVERIFY(data.empty());
}

void TestSeriesDecimator::latePointsAreMergedInTimeOrder()
{
    SeriesData data;
    const std::vector<double> t1{1, 3, 5, 7}, v1{10, 30, 50, 70};
    const std::vector<double> t2{6, 2, 4}, v2{60, 20, 40}; // late, and not in order themselves
    data.append(t1, v1);
    data.append(t2, v2);
    QCOMPARE(data.size(), size_t(7));
    for (size_t i = 0; i < data.size(); ++i) {
        QCOMPARE(data.at(i).t, double(i + 1));
        QCOMPARE(data.at(i).v, 10.0 * double(i + 1));
    }
    const auto e = data.extremes(0, 7);
    QVERIFY(e);
    QCOMPARE(e->minAt, size_t(0));
    QCOMPARE(e->maxAt, size_t(6));
    data.assign(t2, v2);
    QCOMPARE(data.size(), size_t(3));
    QCOMPARE(data.first().t, 2.0);
    QCOMPARE(data.last().t, 6.0);
}

void TestSeriesDecimator::extremesSkipNaN()
{
    SeriesData data;
    std::vector<double> t, v;
    for (int i = 0; i < 1000; ++i) {
        t.push_back(i);
        v.push_back(i >= 300 && i < 700 ? std::nan("") : double(i % 50));
    }
    v[0] = std::nan("");
    v[299] = -3;
    v[700] = 99;
    data.append(t, v);
    QVERIFY(!data.extremes(300, 700)); // all NaN
    QVERIFY(!data.extremes(5, 5));     // empty
    const auto e = data.extremes(0, 1000);
    QVERIFY(e);
    QCOMPARE(data.at(e->minAt).v, -3.0);
    QCOMPARE(data.at(e->maxAt).v, 99.0);
    QCOMPARE(data.lowerBound(299.5), size_t(300));
    QCOMPARE(data.upperBound(300), size_t(301));
}

void TestSeriesDecimator::cacheRecomputesOnlyOnChange()
{
    std::mt19937 rng(3);
    SeriesData data;
    fill(data, randomSeries({10000, 1, false, false}, rng));
    SeriesDecimator decimator;
    QVERIFY(decimator.update(data, 2000, 8000, 400));
    QVERIFY(!decimator.update(data, 2000, 8000, 400)); // nothing changed
    QVERIFY(decimator.update(data, 2001, 8001, 400));  // panned
    QVERIFY(decimator.update(data, 2001, 8001, 500));  // resized
    const std::vector<double> t{data.last().t + 1}, v{1e9};
    data.append(t, v);
    QVERIFY(decimator.update(data, 2001, 8001, 500)); // new data
    QVERIFY(decimator.update(data, 2001, data.last().t, 500));
    QCOMPARE(decimator.points().back().v, 1e9); // the spike is drawn
    decimator.invalidate();
    QVERIFY(decimator.update(data, 2001, data.last().t, 500));
    // A series passed through whole stays valid whatever the range.
    SeriesData small;
    fill(small, randomSeries({100, 1, false, false}, rng));
    SeriesDecimator smallDecimator;
    QVERIFY(smallDecimator.update(small, 0, 10, 400));
    QVERIFY(!smallDecimator.update(small, 5, 50, 300));
    QCOMPARE(smallDecimator.points().size(), size_t(100));
}

KAFKASCOPE_CORE_TEST_MAIN(TestSeriesDecimator)
#include "tst_series_decimator.moc"
