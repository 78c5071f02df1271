#include "store_stats.h"

#include "overview/overview_panel.h"
#include "telemetry/telemetry_panel.h"
#include "telemetry/telemetry_store.h"

#include <QWidget>
#include <cstdio>
#include <memory>
#include <vector>

using namespace kafkascope;

StoreStats::StoreStats(QWidget *window, int everySeconds) : QObject(window), m_window(window)
{
    m_uptime.start();
    m_timer.setInterval(everySeconds * 1000);
    connect(&m_timer, &QTimer::timeout, this, &StoreStats::print);
    m_timer.start();
}

void StoreStats::print()
{
    std::vector<std::shared_ptr<TelemetryStore>> stores;
    for (const TelemetryPanel *p : m_window->findChildren<TelemetryPanel *>())
        stores.push_back(p->store());
    for (const OverviewPanel *p : m_window->findChildren<OverviewPanel *>())
        if (p->telemetryStore())
            stores.push_back(p->telemetryStore());
    size_t bytes = 0, points = 0;
    int series = 0;
    for (const auto &store : stores) {
        const StoreTotals t = store->totals();
        bytes += t.bytes;
        points += t.points;
        series += t.series;
    }
    // One line per sample, flushed: stdout is a file or a pipe when this is used.
    std::printf("stats: uptime_s=%.1f telemetry_stores=%zu telemetry_store_bytes=%zu telemetry_points=%zu telemetry_series=%d\n",
                double(m_uptime.elapsed()) / 1000.0, stores.size(), bytes, points, series);
    std::fflush(stdout);
}
