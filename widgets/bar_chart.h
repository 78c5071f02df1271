#pragma once
// A simple labelled bar chart (one bar per category, e.g. messages per partition to show
// skew), with an optional mean line and PNG/PDF/CSV export. Knows nothing of Kafka.

#include "chart_export.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;

class BarChart : public QWidget
{
    Q_OBJECT
public:
    explicit BarChart(QWidget *parent = nullptr);
    static constexpr int kMaxLabels = 10; // category labels drawn at most


    void setValueLabel(const QString &label);
    // Replaces every bar; replots once.
    void setBars(const QStringList &labels, const QList<double> &values);
    // The category labels drawn on the axis (every one up to kMaxLabels bars, then thinned).
    QStringList axisLabels() const;
    void setShowMean(bool show);
    QStringList labels() const { return m_labels; }
    QList<double> values() const { return m_values; }

    // For ChartExport::ask/exportTo: the plot and its bars for the CSV.
    ChartExport::Source exportSource();
    ChartExport::CsvSnapshot csvSnapshot() const;
    // One-call exports without dialog or message (tests, scripts); see ChartExport.
    bool exportPng(const QString &path, int width = 0, int height = 0);
    bool exportPdf(const QString &path);
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
    QCPBars *m_bars;
    QCPItemStraightLine *m_mean;
    QString m_valueLabel;
    QStringList m_labels;
    QList<double> m_values;
    bool m_showMean = true;
};
