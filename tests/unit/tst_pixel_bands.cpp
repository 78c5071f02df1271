// horizontalBands: the bands ink exactly the pixels of the rectangles they replace (no more,
// none twice), and a chart-like band of touching bars becomes about one band per row.
// Random rectangles with a fixed seed, checked pixel by pixel.

#include "pixel_bands.h"
#include "test_main.h"

#include <QTest>
#include <random>
#include <vector>

namespace {

constexpr int kSize = 120;

// How many of `rects` cover each pixel of a kSize x kSize grid.
std::vector<int> coverage(const QVector<QRect> &rects)
{
    std::vector<int> grid(kSize * kSize, 0);
    for (const QRect &r : rects)
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); ++x)
                ++grid[size_t(y * kSize + x)];
    return grid;
}

} // namespace

class TestPixelBands : public QObject
{
    Q_OBJECT
private slots:
    void samePixels_data();
    void samePixels();
    void denseBarsBecomeRows();
};

void TestPixelBands::samePixels_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("maxWidth");
    QTest::addColumn<int>("maxHeight");
    QTest::addColumn<bool>("empties"); // some rectangles have no area
    QTest::newRow("none") << 0 << 1 << 1 << false;
    QTest::newRow("one") << 1 << 5 << 5 << false;
    QTest::newRow("thin bars") << 300 << 1 << 100 << false;
    QTest::newRow("wide pen bars") << 300 << 3 << 100 << false;
    QTest::newRow("blocks") << 60 << 40 << 40 << false;
    QTest::newRow("with empty ones") << 100 << 4 << 60 << true;
}

void TestPixelBands::samePixels()
{
    QFETCH(int, count);
    QFETCH(int, maxWidth);
    QFETCH(int, maxHeight);
    QFETCH(bool, empties);
    std::mt19937 rng(42);
    for (int round = 0; round < 20; ++round) {
        QVector<QRect> rects;
        for (int i = 0; i < count; ++i) {
            const int w = std::uniform_int_distribution<int>(empties ? 0 : 1, maxWidth)(rng);
            const int h = std::uniform_int_distribution<int>(empties ? 0 : 1, maxHeight)(rng);
            const int x = std::uniform_int_distribution<int>(0, kSize - std::max(w, 1))(rng);
            const int y = std::uniform_int_distribution<int>(0, kSize - std::max(h, 1))(rng);
            rects.append(QRect(x, y, w, h));
        }
        const QVector<QRect> bands = horizontalBands(rects);
        const std::vector<int> want = coverage(rects), got = coverage(bands);
        for (size_t p = 0; p < want.size(); ++p) {
            if ((want[p] > 0) != (got[p] > 0) || got[p] > 1)
                QFAIL(qPrintable(QStringLiteral("round %1: pixel (%2, %3) covered %4 times, wanted %5")
                                     .arg(round).arg(p % kSize).arg(p / kSize).arg(got[p]).arg(want[p] > 0 ? 1 : 0)));
        }
    }
}

void TestPixelBands::denseBarsBecomeRows()
{
    // A noisy line's column bars: each reaches its neighbour, tops and bottoms vary.
    std::mt19937 rng(7);
    QVector<QRect> bars;
    for (int x = 0; x < kSize; ++x) {
        const int top = std::uniform_int_distribution<int>(0, 10)(rng);
        const int bottom = std::uniform_int_distribution<int>(90, 100)(rng);
        bars.append(QRect(x, top, 1, bottom - top));
    }
    const QVector<QRect> bands = horizontalBands(bars);
    QCOMPARE(coverage(bands), coverage(bars));
    // The raster engine fills a rectangle row by row: count the rows filled. Rows 10..89 are
    // one run each and make one band; only the ragged ends stay fragmented.
    int barRows = 0, bandRows = 0, fullWidth = 0;
    for (const QRect &b : bars)
        barRows += b.height();
    for (const QRect &b : bands) {
        bandRows += b.height();
        fullWidth += b.width() == kSize ? b.height() : 0;
    }
    QVERIFY(fullWidth >= 80);
    QVERIFY2(bandRows * 10 < barRows, qPrintable(QStringLiteral("%1 rows filled for %2").arg(bandRows).arg(barRows)));
}

KAFKASCOPE_CORE_TEST_MAIN(TestPixelBands)
#include "tst_pixel_bands.moc"
