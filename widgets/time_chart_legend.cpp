// TimeChart: the per-pane legends. Past the legend limit a pane lists its busiest series and
// a note; clicks on an entry toggle its series, a click on the note unfolds the list.
#include "time_chart.h"

#include "chart_pane.h"
#include "legend_note_item.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
// The newest finite value of a series: what ranks it for a folded legend.
double latestValue(const SeriesData &data)
{
    for (size_t i = data.size(); i-- > 0;)
        if (std::isfinite(data.at(i).v))
            return data.at(i).v;
    return -std::numeric_limits<double>::infinity();
}
} // namespace

void TimeChart::onLegendClick(QCPLegend *legend, QCPAbstractLegendItem *item)
{
    if (qobject_cast<LegendNoteItem *>(item)) {
        for (int p = 0; p < m_panes.size(); ++p)
            if (m_panes[p]->legend == legend)
                setLegendExpanded(p, !m_panes[p]->legendExpanded);
        return;
    }
    auto *pli = qobject_cast<QCPPlottableLegendItem *>(item);
    if (!pli)
        return;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
        if (it.value()->graph == pli->plottable())
            setSeriesVisible(it.key(), !it.value()->graph->visible());
}

void TimeChart::setLegendLimit(int entries)
{
    m_legendLimit = std::max(2, entries);
    updateLegends();
    requestReplot();
}

QStringList TimeChart::legendEntries(int pane) const
{
    QStringList out;
    if (pane < 0 || pane >= m_panes.size())
        return out;
    const QCPLegend *legend = m_panes[pane]->legend;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
            out << item->plottable()->name();
    return out;
}

QString TimeChart::legendNote(int pane) const
{
    return pane >= 0 && pane < m_panes.size() ? m_panes[pane]->legendNoteText : QString();
}

void TimeChart::setLegendExpanded(int pane, bool expanded)
{
    if (pane < 0 || pane >= m_panes.size() || m_panes[pane]->legendExpanded == expanded)
        return;
    m_panes[pane]->legendExpanded = expanded;
    updateLegends();
    requestReplot();
}

void TimeChart::updateLegends()
{
    const QList<SeriesId> ids = seriesIds();
    for (int p = 0; p < m_panes.size(); ++p) {
        Pane *pane = m_panes[p];
        QList<const Series *> inPane;
        for (SeriesId id : ids)
            if (m_series[id]->pane == p)
                inPane << m_series[id];
        QList<const Series *> listed = inPane;
        QString note;
        if (inPane.size() > m_legendLimit) {
            if (pane->legendExpanded) {
                note = tr("show fewer");
            } else {
                // The busiest keep their entries, in series order; the rest are read on hover.
                QList<const Series *> ranked = inPane;
                std::stable_sort(ranked.begin(), ranked.end(), [](const Series *a, const Series *b) {
                    return latestValue(a->data) > latestValue(b->data);
                });
                ranked.resize(m_legendLimit - 1);
                listed.clear();
                for (const Series *s : std::as_const(inPane))
                    if (ranked.contains(s))
                        listed << s;
                note = tr("+%1 more: hover for values, click to list").arg(inPane.size() - listed.size());
            }
        }
        QList<const QCPAbstractPlottable *> want, have;
        for (const Series *s : std::as_const(listed))
            want << s->graph;
        for (int i = 0; i < pane->legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(pane->legend->item(i)))
                have << item->plottable();
        if (want == have && note == pane->legendNoteText)
            continue;
        pane->legend->clearItems();
        pane->legendNote = nullptr;
        for (const Series *s : std::as_const(listed))
            pane->legend->addItem(new QCPPlottableLegendItem(pane->legend, s->graph));
        if (!note.isEmpty()) {
            pane->legendNote = new LegendNoteItem(pane->legend, note);
            pane->legend->addItem(pane->legendNote);
        }
        pane->legendNoteText = note;
        pane->applyPalette(palette());
    }
}
