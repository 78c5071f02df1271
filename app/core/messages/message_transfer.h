#pragma once
// Export of records to JSON Lines or CSV and import of JSON Lines back through the producer.
// Both block: run them as jobs (the dialogs in ui/messages/transfer_dialogs.h do).

#include "decoding/decoder_choice.h"
#include "profiles/connection_profile.h"
#include "messages/kafka_message.h"
#include "messages/message_producer.h"
#include "messages/message_reader.h"

#include <QString>

namespace kafkascope {

class MessageTransfer
{
public:
    // Writes `selected` (when not empty) or every record of `ranges` to `path`; the format
    // follows the suffix (.csv, otherwise JSON Lines). Records that need the topic's decoders
    // (`decoding`) are written with what they decode to beside their bytes. Returns an error
    // text, empty on success; *written receives the record count, *decodeNote how many could
    // not be decoded and why (empty when all could).
    static QString exportToFile(const QString &path, const ConnectionProfile &profile, const QString &topic,
                                const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected,
                                qint64 *written, const std::atomic_bool *cancel = nullptr,
                                const std::function<void(qint64, qint64)> &progress = {},
                                const TopicDecoding &decoding = {}, QString *decodeNote = nullptr);
    // Produces every line of a JSON Lines file to `topic`.
    static ProduceReport importFile(const QString &path, const ConnectionProfile &profile, const QString &topic,
                                    bool keepPartitions, const std::atomic_bool *cancel = nullptr,
                                    const std::function<void(const ProduceProgress &)> &progress = {});
};

} // namespace kafkascope
