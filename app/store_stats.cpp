#include "store_stats.h"

#include "overview/overview_panel.h"
#include "telemetry/telemetry_panel.h"
#include "telemetry/telemetry_store.h"

#include <QWidget>
#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
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
    // The heap's live bytes against what it holds from the system tell growth that is ours
    // (live) from fragmentation (held but free), where RSS alone cannot.
    size_t heapLive = 0, heapHeld = 0;
#if defined(__GLIBC__)
    const struct mallinfo2 heap = mallinfo2();
    heapLive = heap.uordblks + heap.hblkhd;
    heapHeld = heap.arena + heap.hblkhd;
#endif
    // One line per sample, flushed: stdout is a file or a pipe when this is used.
    std::printf("stats: uptime_s=%.1f telemetry_stores=%zu telemetry_store_bytes=%zu telemetry_points=%zu telemetry_series=%d "
                "heap_live_bytes=%zu heap_held_bytes=%zu\n",
                double(m_uptime.elapsed()) / 1000.0, stores.size(), bytes, points, series, heapLive, heapHeld);
    std::fflush(stdout);
}
