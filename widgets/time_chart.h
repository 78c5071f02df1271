#pragma once
// A live time chart: one or more stacked panes sharing one time axis, each holding named
// series. Fed points incrementally (append, never whole histories per frame), it follows
// live data or stays where the user zoomed/panned, shows a crosshair with every visible
// series' value at that time, toggles series from the legend, draws threshold lines, and
// exports PNG, PDF and CSV. Knows nothing of Kafka.
// Each series keeps every point; its QCPGraph only holds a copy decimated to the visible
// range and width (see ChartSeries), so read the points through seriesData().

#include "chart_export.h"
#include "chart_series.h"

#include <QColor>
#include <QHash>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <span>

struct ChartPane;
class QCustomPlot;
class QCPAbstractLegendItem;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLegend;
class QMouseEvent;
class QTimer;

class TimeChart : public QWidget
{
    Q_OBJECT
public:
    using SeriesId = int;
    enum class Style { Line, Step, Dots };
    using Stats = SeriesStats;

    explicit TimeChart(QWidget *parent = nullptr);
    ~TimeChart() override;

    // Panes: index 0 exists from the start. Removing a pane removes its series.
    int addPane(const QString &valueLabel = {});
    void removePane(int pane);
    int paneCount() const;
    void setPaneLabel(int pane, const QString &valueLabel);
    // Keep 0 in the pane's value range (rates, counts, lag): steady lines stay steady.
    void setIncludeZero(int pane, bool include);

    SeriesId addSeries(int pane, const QString &name, QColor color = {}, Style style = Style::Line);
    void removeSeries(SeriesId id);
    void clearSeries(SeriesId id);      // keeps the series, drops its points
    QList<SeriesId> seriesIds() const;
    QString seriesName(SeriesId id) const;
    int seriesPane(SeriesId id) const;
    void setSeriesVisible(SeriesId id, bool visible);
    bool isSeriesVisible(SeriesId id) const;
    void setSeriesEmphasis(SeriesId id, bool emphasised); // thicker line (e.g. top-N busiest)

    // t in seconds since the epoch, ascending within a call and after earlier calls.
    void appendPoints(SeriesId id, std::span<const double> t, std::span<const double> v);
    void appendPoint(SeriesId id, double t, double v);
    void setSeriesData(SeriesId id, const QVector<double> &t, const QVector<double> &v);
    int pointCount(SeriesId id) const;
    // Every point of the series, oldest first; nullptr for an unknown id.
    const SeriesData *seriesData(SeriesId id) const;
    // Drops points older than `t` on every series (the chart's own retention), or on one.
    void trimBefore(double t);
    void trimSeriesBefore(SeriesId id, double t);

    // Visible time window in seconds; 0 shows everything.
    void setTimeWindow(double seconds);
    double timeWindow() const { return m_window; }
    // Follow: the window's right edge tracks the newest point (or now, on a live chart), the
    // window reaching back from it. Zooming or panning turns it off.
    void setFollow(bool follow);
    bool follow() const { return m_follow; }
    // A live chart (data arriving as it happens) keeps *now* at the right edge in follow mode,
    // even while no point arrives, and slides on by itself. Empty: a chart of history, whose
    // right edge is its newest point. Tests pass a clock of their own.
    void setClock(std::function<double()> now);
    static double wallClock(); // seconds since the epoch
    // Past this many series in a pane its legend lists the busiest (by latest value) and a
    // note naming how many more; a click on the note lists them all. Values of every series
    // show on hover (crosshair) whatever the legend lists.
    void setLegendLimit(int entries);
    int legendLimit() const { return m_legendLimit; }
    // The names a pane's legend lists now, and its note ("" when it lists every series).
    QStringList legendEntries(int pane) const;
    QString legendNote(int pane) const;
    void setLegendExpanded(int pane, bool expanded);

    // No colour: the error colour (StatusBadge's "bad" tone, the Theme's errorColor()).
    int addThreshold(int pane, double value, const QString &label, QColor color = {});
    void removeThreshold(int id);
    // The threshold line within `tolerancePx` of a point of the plot (plot coordinates), the
    // nearest one; 0 when none.
    int thresholdAt(const QPoint &plotPos, int tolerancePx = 5) const;

    // Schedules one replot for the next frame however often it is called.
    void requestReplot();
    // Stats of a series within the visible time range.
    Stats visibleStats(SeriesId id) const;
    // Every visible series' value at (or just before) time t: name -> value.
    QList<QPair<QString, double>> valuesAt(double t) const;

    // For ChartExport::ask/exportTo: the plot and a copy of every point for the CSV.
    using ExportSource = ChartExport::Source;
    ExportSource exportSource();
    ChartExport::CsvSnapshot csvSnapshot() const;
    // One-call exports without dialog or message (tests, scripts); see ChartExport.
    bool exportPng(const QString &path, int width = 0, int height = 0);
    bool exportPdf(const QString &path);
    bool exportCsv(const QString &path, QString *error = nullptr) const;

    QCustomPlot *plot() const { return m_plot; }
    // The graph drawing the series: for its style, not its data (a decimated copy).
    QCPGraph *graph(SeriesId id) const;
    QPair<double, double> visibleRange() const;

signals:
    void followChanged(bool follow);
    // A click on the plot: the nearest series' point, if any within a few pixels.
    void pointClicked(SeriesId id, double t, double v);
    void seriesVisibilityChanged(SeriesId id, bool visible);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    using Series = ChartSeries;
    using Pane = ChartPane;
    void applyWindow();
    void updateLegends();
    void onLegendClick(QCPLegend *legend, QCPAbstractLegendItem *item);
    void applyPalette(); // light or dark, from the widget's palette
    void rescaleValues();
    void syncGraphs(); // decimated copies for the current ranges and widths
    void updateCrosshair(QMouseEvent *event);
    void onMousePress(QMouseEvent *event);
    void onUserRangeChange();
    QColor nextColor();
    double newestTime() const;
    Series *series(SeriesId id) const;

    QCustomPlot *m_plot;
    QList<Pane *> m_panes;
    QHash<SeriesId, Series *> m_series;
    QHash<int, QCPItemStraightLine *> m_thresholds;
    QList<QCPItemText *> m_thresholdLabels;
    QCPItemText *m_crosshairLabel = nullptr;
    QList<QCPItemStraightLine *> m_crosshairLines;
    SeriesId m_nextId = 1;
    int m_nextThreshold = 1;
    int m_colorIndex = 0;
    double m_window = 300;
    bool m_follow = true;
    bool m_applyingWindow = false;
    bool m_replotPending = false;
    std::function<double()> m_clock;
    QTimer *m_clockTick = nullptr;
    int m_legendLimit = 8;
};
