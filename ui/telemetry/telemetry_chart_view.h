#pragma once
// The chart side of the telemetry panel: a TimeChart whose series are bound to
// (device, key) pairs of a TelemetryStore, fed incrementally each frame (only points
// appended since the last frame), bounded by the store's retention. Accepts keys dropped
// from the device tree onto a pane (or onto the strip below for a new pane), shows
// per-series min/max/avg/last of the visible range, thresholds, exports, and saves and
// reopens the chart layout as JSON.

#include "telemetry/telemetry_store.h"
#include "time_chart.h"

#include <QJsonObject>
#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QTableWidget;
class QToolButton;

namespace kafkascope {

class TelemetryChartView : public QWidget
{
    Q_OBJECT
public:
    explicit TelemetryChartView(std::shared_ptr<TelemetryStore> store, QWidget *parent = nullptr);

    TimeChart *chart() const { return m_chart; }
    QTableWidget *statsTable() const { return m_stats; }

    // Charts `key` of `device` in `pane` (-1: a new pane). Returns the series id, or the
    // existing one when already charted there.
    TimeChart::SeriesId addKey(int pane, const QString &device, const QString &key);
    void removeSeries(TimeChart::SeriesId id);
    void clearChart();
    int addThreshold(int pane, double value, const QString &label);
    // (device, key) of a series.
    QPair<QString, QString> seriesKey(TimeChart::SeriesId id) const;
    TimeChart::SeriesId seriesFor(const QString &device, const QString &key) const;

    // Called by the panel's frame timer: appends what the store gained since last time.
    void pullFrame();
    // Slower housekeeping (a few times a second): stats table, chart retention.
    void refreshStats();

    QJsonObject layoutJson() const;
    bool applyLayout(const QJsonObject &layout, QString *error);
    bool saveLayout(const QString &path, QString *error) const;
    bool loadLayout(const QString &path, QString *error);

    // The menu of a threshold line: per series of its pane "Alert when DEVICE · KEY crosses
    // VALUE…", and removing the line. Right-clicking the line opens it.
    QMenu *thresholdMenu(int thresholdId);
    // The rule a threshold suggests for a series: fire on the far side of the line from the
    // series' latest value (below when it is above now), above when there is no value yet.
    void requestThresholdRule(int thresholdId, TimeChart::SeriesId series);

signals:
    void layoutChanged();
    // "Alert when crossed…": the Telemetry panel turns it into a rule dialog.
    void thresholdRuleRequested(const QString &device, const QString &key, double value, bool below);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Binding
    {
        QString device, key;
        TimeChart::SeriesId id = 0;
        int deviceIndex = -1, keyIndex = -1;
        quint64 seq = 0;
        quint64 rewrites = 0; // the series' rewrite count when last read
        quint64 generation = 0;
        bool boolean = false;
    };
    struct Threshold
    {
        int pane;
        double value;
        QString label;
        int id;
    };
    bool resolve(Binding &b, quint64 generation);
    int paneAt(const QPoint &plotPos) const;
    void dropKeys(const QList<QPair<QString, QString>> &keys, int pane);
    void askThreshold();
    void showThresholdMenu(const QPoint &plotPos);
    void removeThresholdLine(int id);
    void exportAs(const QString &kind);
    void saveLayoutAs();
    void openLayout();
    void rebuildStatsRows();

    std::shared_ptr<TelemetryStore> m_store;
    TimeChart *m_chart;
    QComboBox *m_window;
    QToolButton *m_follow;
    QLabel *m_dropStrip;
    QTableWidget *m_stats;
    QList<Binding> m_bindings;
    QList<Threshold> m_thresholds;
    std::vector<SeriesPoint> m_points; // reused every frame
    std::vector<double> m_t, m_v;
    bool m_updatingStats = false;
};

} // namespace kafkascope
