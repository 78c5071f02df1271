// On-demand benchmark of series storage and drawing (run by tests/bench/series.sh), no broker:
//   bench_series store    bytes per stored point on a fixed telemetry mix, against the 16 bytes
//                         of a plain (t, v) pair; points that fit in 1 GiB; encode rate
//   bench_series replot   20 series x 1,000,000 points on a 1280x720 TimeChart: static frames,
//                         then panned and zoomed, against 20 x 100,000 in the same run; and
//                         the compressed store's per-pixel-column summary of the same series
// Prints "key: value" lines; a warm-up round is done first and not counted; medians of many
// rounds, with the rounds printed.

#include "series/time_series.h"
#include "time_chart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <random>

using namespace kafkascope;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void printRounds(const char *key, const std::vector<double> &ms)
{
    std::printf("%s_rounds:", key);
    for (double m : ms)
        std::printf(" %.1f", m);
    std::printf("\n");
}

double roundTo(double v, int decimals)
{
    const double p = std::pow(10.0, decimals);
    return std::round(v * p) / p;
}

// The fixed mix: the demo's 50 sensors x 4 keys (2-decimal random walks), 5 GPS trackers
// (latitude, longitude with 6 decimals), 10 integer counters, 10 booleans, and 26 series of
// full-precision noisy doubles (10% of the 256 series). Every device reports about once a
// second, its timestamp in milliseconds with +-20 ms of jitter.
struct MixSeries
{
    enum Kind { Walk, Gps, Counter, Boolean, Noise } kind;
    double value;
};

std::vector<MixSeries> mix()
{
    std::vector<MixSeries> out;
    for (int i = 0; i < 200; ++i)
        out.push_back({MixSeries::Walk, 20.0 + i % 40});
    for (int i = 0; i < 10; ++i)
        out.push_back({MixSeries::Gps, i % 2 ? 13.404954 : 52.520008});
    for (int i = 0; i < 10; ++i)
        out.push_back({MixSeries::Counter, 1000.0 * i});
    for (int i = 0; i < 10; ++i)
        out.push_back({MixSeries::Boolean, 0});
    for (int i = 0; i < 26; ++i)
        out.push_back({MixSeries::Noise, 0});
    return out;
}

double next(MixSeries &s, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> uni(-1, 1);
    switch (s.kind) {
    case MixSeries::Walk:
        return s.value = roundTo(s.value + uni(rng) * 0.1, 2);
    case MixSeries::Gps:
        return s.value = roundTo(s.value + uni(rng) * 2e-5, 6);
    case MixSeries::Counter:
        return s.value += double(rng() % 5);
    case MixSeries::Boolean:
        return s.value = rng() % 10 == 0 ? 1 - s.value : s.value;
    case MixSeries::Noise:
        return 50.0 + uni(rng) * 10.0;
    }
    return 0;
}

int store()
{
    const int seconds = qEnvironmentVariableIntValue("KAFKASCOPE_BENCH_SERIES_SECONDS") > 0
        ? qEnvironmentVariableIntValue("KAFKASCOPE_BENCH_SERIES_SECONDS")
        : 86400; // a day at 1 Hz
    std::vector<MixSeries> series = mix();
    std::deque<TimeSeriesBuffer> buffers; // not movable in a vector: blocks own their bits
    for (size_t i = 0; i < series.size(); ++i)
        buffers.emplace_back(size_t(seconds));
    std::mt19937_64 rng(17);
    std::vector<double> ms(series.size());
    for (size_t i = 0; i < series.size(); ++i)
        ms[i] = 1764547200000.0 + double(rng() % 1000);
    QElapsedTimer timer;
    timer.start();
    for (int s = 0; s < seconds; ++s)
        for (size_t i = 0; i < series.size(); ++i) {
            // Keys of one device share its timestamp; with one series per key here each
            // series gets its own jitter, which is the harder case for the timestamps.
            ms[i] += 1000.0 + double(int(rng() % 41) - 20);
            buffers[i].append(ms[i] / 1000.0, next(series[i], rng));
        }
    const double encodeSeconds = double(timer.nsecsElapsed()) / 1e9;
    size_t bytes = 0, points = 0, alp = 0, gorilla = 0;
    size_t kindBytes[5] = {}, kindPoints[5] = {};
    for (size_t i = 0; i < buffers.size(); ++i) {
        const size_t b = buffers[i].bytesUsed() + sizeof(TimeSeriesBuffer);
        bytes += b;
        points += buffers[i].size();
        kindBytes[series[i].kind] += b;
        kindPoints[series[i].kind] += buffers[i].size();
        alp += buffers[i].encoding().alpBlocks;
        gorilla += buffers[i].encoding().gorillaBlocks;
    }
    const char *names[5] = {"walk_2_decimals", "gps_6_decimals", "counter", "boolean", "noisy_double"};
    std::printf("mix: %zu series x %d points (1 Hz, ms timestamps +-20 ms jitter)\n", series.size(), seconds);
    for (int k = 0; k < 5; ++k)
        std::printf("bytes_per_point_%s: %.2f\n", names[k], double(kindBytes[k]) / double(kindPoints[k]));
    std::printf("blocks_alp: %zu\nblocks_gorilla: %zu\n", alp, gorilla);
    std::printf("encode_points_per_s: %.0f\n", double(points) / encodeSeconds);
    const double perPoint = double(bytes) / double(points);
    std::printf("reference_bytes_per_point: %.1f (a plain (t, v) pair of doubles)\n", double(sizeof(SeriesPoint)));
    std::printf("bytes_per_point_vs_plain: %.3f\n", perPoint / double(sizeof(SeriesPoint)));
    std::printf("bytes_per_point: %.2f\n", perPoint);
    std::printf("points_per_gib: %.0f (1 GiB / bytes_per_point)\n", double(1ull << 30) / perPoint);
    return 0;
}

double wave(int s, int i, int points)
{
    // Slow waves with noise, so every pixel column has a real min and max. The noise term is
    // computed in 64 bits: i * 7919 overflows an int past 271,000 points, and that undefined
    // behaviour let the optimiser turn the 1,000,000-point fill loop into an endless one.
    return std::sin(double(i) * 6.28 / points * (s + 1)) * 10 + s + double((qint64(i) * 7919) % 13) * 0.1;
}

struct Frames
{
    double still, pan, panWorst, zoom, zoomWorst;
};

Frames measureChart(int points, bool print)
{
    constexpr int kSeries = 20;
    TimeChart chart;
    chart.resize(1280, 720);
    chart.setTimeWindow(0);
    for (int p = 1; p < 4; ++p)
        chart.addPane();
    const size_t n = size_t(points);
    std::vector<double> t(n), v(n);
    for (int s = 0; s < kSeries; ++s) {
        for (int i = 0; i < points; ++i) {
            t[size_t(i)] = 1764547200.0 + i * 0.1;
            v[size_t(i)] = wave(s, i, points);
        }
        chart.appendPoints(chart.addSeries(s % 4, QStringLiteral("series %1").arg(s)), t, v);
    }
    chart.show();
    QApplication::processEvents();
    QCustomPlot *plot = chart.plot();
    plot->replot(QCustomPlot::rpImmediateRefresh); // warm-up, not counted
    const auto frame = [&] {
        QElapsedTimer timer;
        timer.start();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        return double(timer.nsecsElapsed()) / 1e6;
    };
    constexpr int kFrames = 60;
    std::vector<double> still, pan, zoom;
    for (int i = 0; i < kFrames; ++i)
        still.push_back(frame());
    QCPAxis *time = plot->axisRect(0)->axis(QCPAxis::atBottom);
    // Zoomed in to half the data first, so a pan shows new points at one edge every frame.
    const QCPRange all = time->range();
    time->setRange(all.lower + all.size() / 4, all.upper - all.size() / 4);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    for (int i = 0; i < kFrames; ++i) {
        const double step = time->range().size() / 100; // a drag of about 11 pixels a frame
        time->setRange(time->range().lower + step, time->range().upper + step);
        pan.push_back(frame());
    }
    for (int i = 0; i < kFrames; ++i) { // a wheel: in for half the frames, out for the rest
        time->scaleRange(i < kFrames / 2 ? 0.85 : 1 / 0.85, time->range().center());
        zoom.push_back(frame());
    }
    if (print) {
        printRounds("replot_1m_frames", still);
        printRounds("replot_1m_pan_frames", pan);
        printRounds("replot_1m_zoom_frames", zoom);
    }
    const auto worst = [](const std::vector<double> &v) { return *std::max_element(v.begin(), v.end()); };
    return {median(still), median(pan), worst(pan), median(zoom), worst(zoom)};
}

// The compressed store's read path for a chart: the per-pixel-column summary of 20 series,
// whole range and panned.
void measureSummary()
{
    constexpr int kSeries = 20, kPoints = 1000000, kColumns = 1280;
    std::deque<TimeSeriesBuffer> buffers; // not movable in a vector: blocks own their bits
    for (int s = 0; s < kSeries; ++s) {
        buffers.emplace_back(size_t(kPoints));
        for (int i = 0; i < kPoints; ++i)
            buffers.back().append(1764547200.0 + i * 0.1, std::round(wave(s, i, kPoints) * 100) / 100);
    }
    std::vector<SeriesPoint> out;
    const double from = 1764547200.0, to = from + kPoints * 0.1;
    size_t drawn = 0;
    const auto pass = [&](double a, double b) {
        QElapsedTimer timer;
        timer.start();
        drawn = 0;
        for (const auto &s : buffers) {
            s.summarise(a, b, kColumns, out);
            drawn += out.size();
        }
        return double(timer.nsecsElapsed()) / 1e6;
    };
    pass(from, to); // warm-up
    std::vector<double> whole, panned;
    for (int i = 0; i < 20; ++i)
        whole.push_back(pass(from, to));
    const double half = (to - from) / 2;
    for (int i = 0; i < 20; ++i)
        panned.push_back(pass(from + half / 2 + i * half / 100, from + half * 1.5 + i * half / 100));
    printRounds("summary_1m", whole);
    printRounds("summary_1m_pan", panned);
    std::printf("summary_1m_points_drawn: %zu (20 series, %d columns)\n", drawn, kColumns);
    std::printf("summary_1m_ms: %.1f\n", median(whole));
    std::printf("summary_1m_pan_ms: %.1f\n", median(panned));
}

int replot()
{
    const Frames small = measureChart(100000, false);
    std::printf("reference_replot_100k_ms: %.1f\n", small.still);
    std::printf("reference_replot_100k_pan_ms: %.1f\n", small.pan);
    const Frames big = measureChart(1000000, true);
    std::printf("replot_1m_ms: %.1f\n", big.still);
    std::printf("replot_1m_pan_ms: %.1f\n", big.pan);
    std::printf("replot_1m_pan_worst_ms: %.1f\n", big.panWorst);
    std::printf("replot_1m_zoom_ms: %.1f\n", big.zoom);
    std::printf("replot_1m_zoom_worst_ms: %.1f\n", big.zoomWorst);
    std::printf("replot_1m_vs_100k: %.2f\n", small.still > 0 ? big.still / small.still : 0.0);
    measureSummary();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures show as they are measured, even piped
    QApplication app(argc, argv);
    const QString mode = app.arguments().value(1);
    if (mode == QLatin1String("store"))
        return store();
    if (mode == QLatin1String("replot"))
        return replot();
    std::fprintf(stderr, "usage: bench_series store|replot\n");
    return 2;
}
