#include "chart_export.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QImageWriter>
#include <QMessageBox>
#include <QSaveFile>
#include <QTextStream>
#include <qcustomplot.h>

namespace ChartExport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ChartExport", text);
}

QString quoted(QString s)
{
    return u'"' + s.replace(u'"', QStringLiteral("\"\"")) + u'"';
}

void writeRows(QTextStream &out, const SeriesTable &table)
{
    out << "series,time_utc,epoch_seconds,value\n";
    for (const SeriesTable::Series &s : table.series) {
        const QString name = quoted(s.name);
        for (const SeriesData::Point &p : s.points)
            out << name << u','
                << QDateTime::fromMSecsSinceEpoch(qint64(p.t * 1000), Qt::UTC).toString(Qt::ISODateWithMs) << u','
                << QString::number(p.t, 'f', 3) << u',' << QString::number(p.v, 'g', 12) << u'\n';
    }
}

void writeRows(QTextStream &out, const CategoryTable &table)
{
    out << quoted(table.categoryHeader) << u',' << quoted(table.valueHeader) << u'\n';
    for (qsizetype i = 0; i < table.values.size(); ++i)
        out << quoted(i < table.labels.size() ? table.labels[i] : QString()) << u','
            << QString::number(table.values[i], 'g', 15) << u'\n';
}

QString filterOf(Format format)
{
    switch (format) {
    case Format::Png:
        return tr("PNG image (*.png)");
    case Format::Pdf:
        return tr("PDF document (*.pdf)");
    case Format::Csv:
        break;
    }
    return tr("CSV data (*.csv)");
}

} // namespace

Format formatOf(const QString &suffix)
{
    if (suffix.compare(u"png", Qt::CaseInsensitive) == 0)
        return Format::Png;
    if (suffix.compare(u"pdf", Qt::CaseInsensitive) == 0)
        return Format::Pdf;
    return Format::Csv;
}

QString writeCsv(const QString &path, const CsvSnapshot &snapshot)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return file.errorString();
    QTextStream out(&file);
    std::visit([&out](const auto &table) { writeRows(out, table); }, snapshot);
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return file.errorString().isEmpty() ? tr("the data could not be written") : file.errorString();
    return {};
}

QString writeImage(const Source &source, const QString &path, Format format, int width, int height)
{
    if (!source.plot)
        return tr("there is no chart to draw");
    if (source.prepare)
        source.prepare();
    // Opened first so that a failure has its reason (QCustomPlot's savers only say false).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (format == Format::Png) {
        QImageWriter writer(&file, "png");
        if (!writer.write(source.plot->toPixmap(width, height).toImage()))
            return writer.errorString();
        return file.commit() ? QString() : file.errorString();
    }
    file.cancelWriting(); // savePdf writes the file itself
    if (!source.plot->savePdf(path, width, height))
        return tr("the PDF could not be drawn");
    return {};
}

bool exportTo(QWidget *parent, const Source &source, const QString &path, Format format)
{
    const QString error = format == Format::Csv
                              ? (source.snapshot ? writeCsv(path, source.snapshot()) : tr("the chart has no data to export"))
                              : writeImage(source, path, format);
    if (error.isEmpty())
        return true;
    // Not modal: no nested event loop while the panel keeps drawing live data.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), tr("Could not write %1: %2").arg(path, error),
                                QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("chartExportError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

bool ask(QWidget *parent, const QString &title, const QString &suggestedName, const Source &source, Format format)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, suggestedName, filterOf(format));
    return !path.isEmpty() && exportTo(parent, source, path, format);
}

} // namespace ChartExport
