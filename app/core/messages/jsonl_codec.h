#pragma once
// Export/import formats for messages. JSON Lines keeps everything needed to produce a record
// again byte for byte: key and value as text when valid UTF-8, base64 otherwise (with
// "keyEncoding"/"valueEncoding": "base64"), null kept as null, headers in order with
// duplicates. CSV is for spreadsheets (export only).

#include "messages/kafka_message.h"

#include <QByteArray>
#include <QString>

namespace kafkascope {

namespace jsonl {

// One line (no trailing newline).
QByteArray encode(const KafkaMessage &message, const QString &topic);
// Parses one line. Accepts our export format and hand-written lines such as
// {"key":"a","value":{"temp":1},"headers":{"k":"v"}} (a JSON value is sent compact,
// headers may be an object or an array). keepPartition/keepTimestamp take them from the line.
bool decode(const QByteArray &line, OutgoingMessage *out, QString *error, bool keepPartition = false,
            bool keepTimestamp = true);

bool isValidUtf8(const QByteArray &bytes);

} // namespace jsonl

namespace csv {
QByteArray header();
QByteArray encode(const KafkaMessage &message);
} // namespace csv

} // namespace kafkascope
