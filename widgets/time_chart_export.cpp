// TimeChart: what it hands ChartExport (the plot, brought to its window first, and a copy of
// every series' points), and the three one-call exports built on it.
#include "time_chart.h"

TimeChart::ExportSource TimeChart::exportSource()
{
    ExportSource source;
    source.plot = m_plot;
    source.prepare = [this] { applyWindow(); };
    source.snapshot = [this] { return csvSnapshot(); };
    return source;
}

ChartExport::CsvSnapshot TimeChart::csvSnapshot() const
{
    ChartExport::SeriesTable table;
    for (SeriesId id : seriesIds()) {
        const Series *s = m_series[id];
        table.series.push_back({s->name, s->points()});
    }
    return table;
}

bool TimeChart::exportPng(const QString &path, int width, int height)
{
    return ChartExport::writeImage(exportSource(), path, ChartExport::Format::Png, width, height).isEmpty();
}

bool TimeChart::exportPdf(const QString &path)
{
    return ChartExport::writeImage(exportSource(), path, ChartExport::Format::Pdf).isEmpty();
}

bool TimeChart::exportCsv(const QString &path, QString *error) const
{
    const QString reason = ChartExport::writeCsv(path, csvSnapshot());
    if (error && !reason.isEmpty())
        *error = QStringLiteral("Cannot write %1: %2").arg(path, reason);
    return reason.isEmpty();
}
