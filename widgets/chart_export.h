#pragma once
// The one chart export (PNG, PDF, CSV) of every panel: asks for a file, writes it, and shows
// a failure to the user with the path and the reason. A CSV is written from a value snapshot
// by a function that touches no widget, so a worker job can run it as it is.

#include "series_data.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <variant>
#include <vector>

class QCustomPlot;
class QWidget;

namespace ChartExport {

enum class Format { Png, Pdf, Csv };
// "png", "PDF", "csv" (any case); anything else is CSV.
Format formatOf(const QString &suffix);

// Every point of each series, one row each: "name",time_utc,epoch_seconds,value.
struct SeriesTable
{
    struct Series
    {
        QString name;
        std::vector<SeriesData::Point> points;
    };
    std::vector<Series> series;
};
// One row per category: "label",value.
struct CategoryTable
{
    QString categoryHeader, valueHeader;
    QStringList labels;
    QList<double> values;
};
using CsvSnapshot = std::variant<SeriesTable, CategoryTable>;

// What a chart hands an export: its plot, drawn as it is after `prepare` (may be empty), and
// a copy of its data for the CSV.
struct Source
{
    QCustomPlot *plot = nullptr;
    std::function<void()> prepare;
    std::function<CsvSnapshot()> snapshot;
};

// Writes the snapshot as CSV; the file at `path` is replaced only once it is complete.
// Returns "" or the reason it failed. Reads only its arguments: safe on any thread.
QString writeCsv(const QString &path, const CsvSnapshot &snapshot);
// PNG (at width x height, 0: as shown) or PDF of the plot; "" or the reason. UI thread.
QString writeImage(const Source &source, const QString &path, Format format, int width = 0, int height = 0);
// Writes `path`; a failure opens a warning beside `parent` (not modal, object name
// "chartExportError") naming the path and the reason, and returns false.
bool exportTo(QWidget *parent, const Source &source, const QString &path, Format format);
// Asks for the file (starting at `suggestedName`), then exportTo. False on cancel or failure.
bool ask(QWidget *parent, const QString &title, const QString &suggestedName, const Source &source, Format format);

} // namespace ChartExport
