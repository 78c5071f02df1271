#pragma once
// Feeds a TimeChart from an OffsetHistory: remembers which chart series shows which history
// series and where each reader stopped, so a frame only appends the new points (one lock
// for all series) and a window change reloads from the store, buckets included.

#include "throughput/offset_history.h"
#include "time_chart.h"

namespace kafkascope {

class HistoryChartFeeder
{
public:
    HistoryChartFeeder(TimeChart *chart, const OffsetHistory *history);

    TimeChart::SeriesId add(const SeriesKey &key, int pane, const QString &name);
    void removeAll();
    // Loads every series' history from `from` (seconds since the epoch; 0 = all).
    void reload(double from);
    // Appends what arrived since the last pull; true when anything did.
    bool pull();

    QList<TimeChart::SeriesId> ids() const;
    SeriesKey key(TimeChart::SeriesId id) const { return m_entries.value(id).key; }
    bool has(TimeChart::SeriesId id) const { return m_entries.contains(id); }
    TimeChart::SeriesId idOf(const SeriesKey &key) const;

private:
    struct Entry
    {
        SeriesKey key;
        quint64 next = 0;
    };
    TimeChart *m_chart;
    const OffsetHistory *m_history;
    QHash<TimeChart::SeriesId, Entry> m_entries;
};

} // namespace kafkascope
