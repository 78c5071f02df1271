#pragma once
// Schema Registry wire framing (Confluent's, also Apicurio's ccompat): magic byte 0, a
// big-endian 4-byte schema id, then the payload; for Protobuf the payload starts with the
// message indexes (a zigzag varint count, then that many zigzag varint indexes; a single 0
// byte stands for [0]). Only the framing: the payload itself is left to Avro/protobuf.

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <string_view>
#include <vector>

namespace kafkascope {

struct RegistryFrame
{
    qint32 schemaId = -1;
    std::string_view payload; // after the id (and after the indexes once readMessageIndexes ran)
};

// True when `bytes` carries the framing (magic 0 and at least the id).
bool looksRegistryFramed(std::string_view bytes);
// Splits the framing off; false (and `error`) when the bytes are not framed.
bool parseRegistryFrame(std::string_view bytes, RegistryFrame *frame, QString *error);
// Reads the Protobuf message indexes off frame->payload; false on malformed indexes.
bool readMessageIndexes(RegistryFrame *frame, std::vector<int> *indexes, QString *error);

// The framing to write before a payload: magic 0 and the id (Avro, JSON Schema).
QByteArray registryHeader(qint32 schemaId);
// The same plus Protobuf message indexes, zigzag varints as Confluent writes them: [0] (the
// first message type) as the single byte 0, else the count then each index.
QByteArray protobufRegistryHeader(qint32 schemaId, const std::vector<int> &indexes);

} // namespace kafkascope
