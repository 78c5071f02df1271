// TimeChart: PNG, PDF and CSV export.
#include "time_chart.h"

#include <QFile>
#include <QTextStream>
#include <qcustomplot.h>

bool TimeChart::exportPng(const QString &path, int width, int height)
{
    applyWindow();
    return m_plot->savePng(path, width, height);
}

bool TimeChart::exportPdf(const QString &path)
{
    applyWindow();
    return m_plot->savePdf(path);
}

bool TimeChart::exportCsv(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "series,time_utc,epoch_seconds,value\n";
    for (SeriesId id : seriesIds())
        m_series[id]->writeCsv(out);
    out.flush();
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = QStringLiteral("Writing %1 failed: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
