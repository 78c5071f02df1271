#include "messages/transfer_dialogs.h"

#include "messages/transfer_progress.h"

#include <QFileDialog>
#include <QMessageBox>

namespace kafkascope::transfer_dialogs {

void exportMessages(QWidget *parent, const ConnectionProfile &profile, const QString &topic,
                    const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected, bool allLoaded,
                    const TopicDecoding &decoding)
{
    if (ranges.isEmpty() && selected.isEmpty()) {
        QMessageBox::information(parent, QObject::tr("Export"), QObject::tr("Load a topic first."));
        return;
    }
    QList<PartitionRange> span = ranges;
    if (!selected.isEmpty() && !allLoaded) {
        // Part of the selection is not loaded: export the offsets it spans instead.
        span.clear();
        for (const KafkaMessage &m : selected) {
            auto it = std::find_if(span.begin(), span.end(), [&](const PartitionRange &r) { return r.partition == m.partition; });
            if (it == span.end())
                span.append({m.partition, m.offset, m.offset + 1, {}});
            else
                it->start = std::min(it->start, m.offset), it->end = std::max(it->end, m.offset + 1);
        }
    }
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export messages"), topic + u".jsonl",
                                                      QObject::tr("JSON Lines (*.jsonl);;CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QList<KafkaMessage> direct = allLoaded ? selected : QList<KafkaMessage>{};
    auto *progress = new TransferProgress(QObject::tr("Exporting %1…").arg(topic), parent);
    const JobSlot::Poster poster = progress->slot().poster();
    struct Exported
    {
        QString error;
        qint64 written = 0;
        QString decodeNote;
    };
    progress->slot().start(
        JobRunner::shared(), QStringLiteral("export"),
        [progress, poster, cancel = progress->cancelFlag(), path, profile, topic, span, direct,
         decoding](JobControl &job) {
            // `progress` is only used in what the poster delivers, on the UI thread.
            Exported out;
            out.error = MessageTransfer::exportToFile(path, profile, topic, span, direct, &out.written, cancel.get(),
                                                      [&](qint64 done, qint64 total) {
                                                          poster.post(job, [progress, done, total] {
                                                              progress->showProgress(
                                                                  done, total,
                                                                  QObject::tr("Exported %1 of %2…").arg(done).arg(total));
                                                          });
                                                      },
                                                      decoding, &out.decodeNote);
            return out;
        },
        [progress, path](const Exported &out) {
            QWidget *parent = progress->parentWidget();
            progress->close();
            if (!out.error.isEmpty())
                QMessageBox::warning(parent, QObject::tr("Export"), out.error);
            else if (!out.decodeNote.isEmpty())
                QMessageBox::warning(parent, QObject::tr("Export"),
                                     QObject::tr("%1 messages written to %2, with their bytes.\n\n%3 (the reason is in "
                                                 "each one's \"decoded\" field).")
                                         .arg(out.written).arg(path, out.decodeNote));
            else
                QMessageBox::information(parent, QObject::tr("Export"),
                                         QObject::tr("%1 messages written to %2").arg(out.written).arg(path));
        });
}

void importMessages(QWidget *parent, const ConnectionProfile &profile, const QString &topic)
{
    if (topic.isEmpty()) {
        QMessageBox::information(parent, QObject::tr("Import"), QObject::tr("Choose the topic to import into first."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(parent, QObject::tr("Import JSON Lines into %1").arg(topic), {},
                                                      QObject::tr("JSON Lines (*.jsonl *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        parent, QObject::tr("Import"),
        QObject::tr("Produce every line of %1 to %2.\n\nKeep the partition numbers written in the file? "
                    "(No: partition by key)").arg(path, topic),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return;
    const bool keepPartitions = answer == QMessageBox::Yes;
    auto *progress = new TransferProgress(QObject::tr("Importing into %1…").arg(topic), parent);
    const JobSlot::Poster poster = progress->slot().poster();
    progress->slot().start(
        JobRunner::shared(), QStringLiteral("import"),
        [progress, poster, cancel = progress->cancelFlag(), path, profile, topic, keepPartitions](JobControl &job) {
            return MessageTransfer::importFile(path, profile, topic, keepPartitions, cancel.get(),
                                               [&](const ProduceProgress &p) {
                                                   poster.post(job, [progress, p] {
                                                       progress->showProgress(
                                                           p.acked, std::max<qint64>(1, p.sent),
                                                           QObject::tr("%1 sent, %2 acknowledged").arg(p.sent).arg(p.acked));
                                                   });
                                               });
        },
        [progress](const ProduceReport &report) {
            QWidget *parent = progress->parentWidget();
            progress->close();
            if (report.ok())
                QMessageBox::information(parent, QObject::tr("Import"), report.summary());
            else
                QMessageBox::warning(parent, QObject::tr("Import"), report.summary());
        });
}

} // namespace kafkascope::transfer_dialogs
