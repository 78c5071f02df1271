#include "messages/message_transfer.h"

#include "decoding/schema_registry_client.h"
#include "messages/jsonl_codec.h"
#include "messages/message_decoding.h"

#include <QFile>
#include <QSaveFile>

namespace kafkascope {

namespace {

// Writes the selected records, or those the ranges hold, decoding each with `decoder`;
// returns the error, empty on success.
QString writeRecords(const QString &path, const ConnectionProfile &profile, const QString &topic,
                     const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected, qint64 *written,
                     const std::atomic_bool *cancel, const std::function<void(qint64, qint64)> &progress,
                     RecordDecoder &decoder)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    const bool csv = path.endsWith(u".csv", Qt::CaseInsensitive);
    if (csv)
        file.write(csv::header() + '\n');
    auto write = [&](KafkaMessage m) {
        attachDecoded(decoder, &m); // again: the table may hold records decoded another way
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

} // namespace

QString MessageTransfer::exportToFile(const QString &path, const ConnectionProfile &profile, const QString &topic,
                                      const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected,
                                      qint64 *written, const std::atomic_bool *cancel,
                                      const std::function<void(qint64, qint64)> &progress,
                                      const TopicDecoding &decoding, QString *decodeNote)
{
    *written = 0;
    RecordDecoder decoder(SchemaRegistryClient::shared(profile.registry), decoding);
    const QString error = writeRecords(path, profile, topic, ranges, selected, written, cancel, progress, decoder);
    if (decodeNote) // on failure too: what could not be decoded before it is still worth saying
        *decodeNote = decoder.failureNote();
    return error;
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

} // namespace kafkascope
