#include "messages/message_transfer.h"

#include "messages/jsonl_codec.h"

#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QThread>

namespace kafkascope {

namespace {

// Runs `job` on a worker thread behind a modal progress dialog whose Cancel sets the flag.
void runWithProgress(QWidget *parent, const QString &label,
                     const std::function<void(std::atomic_bool *, QProgressDialog *)> &job)
{
    QProgressDialog dialog(label, QObject::tr("Cancel"), 0, 1000, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    std::atomic_bool cancel = false;
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&cancel] { cancel = true; });
    QThread *thread = QThread::create([&] { job(&cancel, &dialog); });
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
}

void postProgress(QProgressDialog *dialog, qint64 done, qint64 total, const QString &text)
{
    QMetaObject::invokeMethod(dialog, [dialog, done, total, text] {
        dialog->setValue(total > 0 ? int(std::min<qint64>(999, done * 1000 / total)) : 0);
        dialog->setLabelText(text);
    }, Qt::QueuedConnection);
}

} // namespace

QString MessageTransfer::exportToFile(const QString &path, const ConnectionProfile &profile, const QString &topic,
                                      const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected,
                                      qint64 *written, const std::atomic_bool *cancel,
                                      const std::function<void(qint64, qint64)> &progress)
{
    *written = 0;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    const bool csv = path.endsWith(u".csv", Qt::CaseInsensitive);
    if (csv)
        file.write(csv::header() + '\n');
    auto write = [&](const KafkaMessage &m) {
        file.write((csv ? csv::encode(m) : jsonl::encode(m, topic)) + '\n');
        ++*written;
    };
    if (!selected.isEmpty()) {
        for (const KafkaMessage &m : selected)
            write(m);
    } else {
        qint64 total = 0;
        for (const PartitionRange &r : ranges)
            total += r.count();
        MessageReader reader(profile);
        if (!reader.error().isEmpty())
            return reader.error();
        QString error;
        const bool ok = reader.stream(topic, ranges, [&](const rd_kafka_message_t *m) {
            write(KafkaMessage::fromRdKafka(m));
            if (progress && (*written & 0x3ff) == 0)
                progress(*written, total);
            return true;
        }, cancel, &error);
        if (!ok)
            return QObject::tr("Reading %1 failed after %2 records: %3").arg(topic).arg(*written).arg(error);
        if (cancel && cancel->load())
            return QObject::tr("Cancelled; nothing was written");
    }
    if (!file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

ProduceReport MessageTransfer::importFile(const QString &path, const ConnectionProfile &profile, const QString &topic,
                                          bool keepPartitions, const std::atomic_bool *cancel,
                                          const std::function<void(const ProduceProgress &)> &progress)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        ProduceReport r;
        r.error = QObject::tr("Cannot read %1: %2").arg(path, in.errorString());
        return r;
    }
    MessageProducer producer(profile);
    qint64 line = 0;
    return producer.produce(topic, [&](OutgoingMessage *m, QString *error) {
        while (!in.atEnd()) {
            const QByteArray text = in.readLine().trimmed();
            ++line;
            if (text.isEmpty())
                continue;
            if (!jsonl::decode(text, m, error, keepPartitions, true)) {
                *error = QObject::tr("%1, line %2: %3").arg(path).arg(line).arg(*error);
                return false;
            }
            return true;
        }
        return false;
    }, progress, cancel);
}

void MessageTransfer::exportDialog(QWidget *parent, const ConnectionProfile &profile, const QString &topic,
                                   const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected,
                                   bool allLoaded)
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
    QString error;
    qint64 written = 0;
    const QList<KafkaMessage> direct = allLoaded ? selected : QList<KafkaMessage>{};
    runWithProgress(parent, QObject::tr("Exporting %1…").arg(topic), [&](std::atomic_bool *cancel, QProgressDialog *d) {
        error = exportToFile(path, profile, topic, span, direct, &written, cancel, [d](qint64 done, qint64 total) {
            postProgress(d, done, total, QObject::tr("Exported %1 of %2…").arg(done).arg(total));
        });
    });
    if (!error.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Export"), error);
    else
        QMessageBox::information(parent, QObject::tr("Export"), QObject::tr("%1 messages written to %2").arg(written).arg(path));
}

void MessageTransfer::importDialog(QWidget *parent, const ConnectionProfile &profile, const QString &topic)
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
    ProduceReport report;
    runWithProgress(parent, QObject::tr("Importing into %1…").arg(topic), [&](std::atomic_bool *cancel, QProgressDialog *d) {
        report = importFile(path, profile, topic, answer == QMessageBox::Yes, cancel, [d](const ProduceProgress &p) {
            postProgress(d, p.acked, std::max<qint64>(1, p.sent), QObject::tr("%1 sent, %2 acknowledged").arg(p.sent).arg(p.acked));
        });
    });
    if (report.ok())
        QMessageBox::information(parent, QObject::tr("Import"), report.summary());
    else
        QMessageBox::warning(parent, QObject::tr("Import"), report.summary());
}

} // namespace kafkascope
