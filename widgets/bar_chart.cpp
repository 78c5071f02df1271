#include "bar_chart.h"

#include <QSharedPointer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

BarChart::BarChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setWidth(0.7);
    m_bars->setPen(QPen(QColor(0x2d, 0x6c, 0xb5)));
    m_bars->setBrush(QColor(0x2d, 0x6c, 0xb5, 170));
    m_mean = new QCPItemStraightLine(m_plot);
    m_mean->setPen(QPen(QColor(0xd9, 0x7a, 0x1a), 1.5, Qt::DashLine));
    m_mean->setVisible(false);
    m_plot->xAxis->setTickLabelRotation(0);
    m_plot->yAxis->setNumberFormat(QStringLiteral("gb"));
    m_plot->setMinimumHeight(120);
}

void BarChart::setValueLabel(const QString &label)
{
    m_valueLabel = label;
    m_plot->yAxis->setLabel(label);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BarChart::setShowMean(bool show)
{
    m_showMean = show;
    setBars(m_labels, m_values);
}

QStringList BarChart::axisLabels() const
{
    QStringList out;
    if (auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>())
        for (const QString &label : ticker->ticks())
            out << label;
    return out;
}

void BarChart::setBars(const QStringList &labels, const QList<double> &values)
{
    m_labels = labels;
    m_values = values;
    QVector<double> keys(values.size());
    QVector<double> v(values.begin(), values.end());
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    // Past kMaxLabels bars their labels would run together: label every step-th bar only
    // (the first included), so the labels left still say where each bar is.
    const qsizetype step = std::max<qsizetype>(1, (values.size() + kMaxLabels - 1) / kMaxLabels);
    for (qsizetype i = 0; i < values.size(); ++i) {
        keys[i] = double(i);
        if (i % step == 0)
            ticker->addTick(double(i), i < labels.size() ? labels[i] : QString());
    }
    m_bars->setData(keys, v, true);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.6, std::max<double>(0.6, double(values.size()) - 0.4));
    const double top = values.isEmpty() ? 1.0 : *std::max_element(values.begin(), values.end());
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.12 : 1.0);
    double mean = 0;
    for (double x : values)
        mean += x;
    mean = values.isEmpty() ? 0 : mean / double(values.size());
    m_mean->point1->setCoords(0, mean);
    m_mean->point2->setCoords(1, mean);
    m_mean->setVisible(m_showMean && !values.isEmpty());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

ChartExport::Source BarChart::exportSource()
{
    ChartExport::Source source;
    source.plot = m_plot;
    source.snapshot = [this] { return csvSnapshot(); };
    return source;
}

ChartExport::CsvSnapshot BarChart::csvSnapshot() const
{
    return ChartExport::CategoryTable{tr("category"), m_valueLabel.isEmpty() ? tr("value") : m_valueLabel, m_labels, m_values};
}

bool BarChart::exportPng(const QString &path, int width, int height)
{
    return ChartExport::writeImage(exportSource(), path, ChartExport::Format::Png, width, height).isEmpty();
}

bool BarChart::exportPdf(const QString &path)
{
    return ChartExport::writeImage(exportSource(), path, ChartExport::Format::Pdf).isEmpty();
}

bool BarChart::exportCsv(const QString &path, QString *error) const
{
    const QString reason = ChartExport::writeCsv(path, csvSnapshot());
    if (error)
        *error = reason;
    return reason.isEmpty();
}
