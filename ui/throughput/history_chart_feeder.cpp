#include "throughput/history_chart_feeder.h"

namespace kafkascope {

HistoryChartFeeder::HistoryChartFeeder(TimeChart *chart, const OffsetHistory *history)
    : m_chart(chart), m_history(history)
{
}

TimeChart::SeriesId HistoryChartFeeder::add(const SeriesKey &key, int pane, const QString &name)
{
    const TimeChart::SeriesId id = m_chart->addSeries(pane, name);
    m_entries.insert(id, {key, 0});
    return id;
}

void HistoryChartFeeder::removeAll()
{
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        m_chart->removeSeries(it.key());
    m_entries.clear();
}

QList<TimeChart::SeriesId> HistoryChartFeeder::ids() const
{
    QList<TimeChart::SeriesId> out = m_entries.keys();
    std::sort(out.begin(), out.end());
    return out;
}

TimeChart::SeriesId HistoryChartFeeder::idOf(const SeriesKey &key) const
{
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        if (it.value().key == key)
            return it.key();
    return -1;
}

void HistoryChartFeeder::reload(double from)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        const std::vector<SeriesPoint> points = m_history->series(it.value().key, from, &it.value().next);
        QVector<double> t, v;
        t.reserve(qsizetype(points.size()));
        v.reserve(qsizetype(points.size()));
        for (const SeriesPoint &p : points) {
            t.append(p.t);
            v.append(p.v);
        }
        m_chart->setSeriesData(it.key(), t, v);
    }
    m_chart->requestReplot();
}

bool HistoryChartFeeder::pull()
{
    std::vector<OffsetHistory::Cursor> cursors;
    std::vector<TimeChart::SeriesId> ids;
    cursors.reserve(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        cursors.push_back({it.value().key, it.value().next, {}});
        ids.push_back(it.key());
    }
    m_history->copySince(cursors);
    bool any = false;
    std::vector<double> t, v;
    for (size_t i = 0; i < cursors.size(); ++i) {
        m_entries[ids[i]].next = cursors[i].next;
        if (cursors[i].points.empty())
            continue;
        t.clear();
        v.clear();
        for (const SeriesPoint &p : cursors[i].points) {
            t.push_back(p.t);
            v.push_back(p.v);
        }
        m_chart->appendPoints(ids[i], t, v);
        any = true;
    }
    if (any)
        m_chart->requestReplot();
    return any;
}

} // namespace kafkascope
