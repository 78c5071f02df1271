#include "decoding/registry_framing.h"

#include <QtEndian>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

namespace kafkascope {

namespace {
constexpr size_t kHeaderBytes = 5;
// A message nested deeper than this in one .proto is not a real schema.
constexpr quint32 kMaxIndexes = 64;
} // namespace

bool looksRegistryFramed(std::string_view bytes)
{
    return bytes.size() >= kHeaderBytes && bytes[0] == '\0';
}

bool parseRegistryFrame(std::string_view bytes, RegistryFrame *frame, QString *error)
{
    if (bytes.size() < kHeaderBytes) {
        *error = QStringLiteral("%1 byte(s): too short for Schema Registry framing (magic byte + 4-byte schema id)")
                     .arg(bytes.size());
        return false;
    }
    if (bytes[0] != '\0') {
        *error = QStringLiteral("no Schema Registry framing: first byte is 0x%1, not 0x00")
                     .arg(quint8(bytes[0]), 2, 16, QLatin1Char('0'));
        return false;
    }
    const auto *u = reinterpret_cast<const quint8 *>(bytes.data());
    frame->schemaId = qint32((quint32(u[1]) << 24) | (quint32(u[2]) << 16) | (quint32(u[3]) << 8) | quint32(u[4]));
    frame->payload = bytes.substr(kHeaderBytes);
    return true;
}

bool readMessageIndexes(RegistryFrame *frame, std::vector<int> *indexes, QString *error)
{
    using google::protobuf::internal::WireFormatLite;
    google::protobuf::io::CodedInputStream in(reinterpret_cast<const quint8 *>(frame->payload.data()),
                                              int(frame->payload.size()));
    quint32 raw = 0;
    if (!in.ReadVarint32(&raw)) {
        *error = QStringLiteral("Protobuf framing: missing message indexes");
        return false;
    }
    const qint32 count = WireFormatLite::ZigZagDecode32(raw);
    indexes->clear();
    if (count == 0) {
        indexes->push_back(0); // the first message type of the schema
    } else if (count < 0 || quint32(count) > kMaxIndexes) {
        *error = QStringLiteral("Protobuf framing: %1 message indexes is not plausible").arg(count);
        return false;
    } else {
        for (qint32 i = 0; i < count; ++i) {
            if (!in.ReadVarint32(&raw)) {
                *error = QStringLiteral("Protobuf framing: message indexes cut short");
                return false;
            }
            const qint32 index = WireFormatLite::ZigZagDecode32(raw);
            if (index < 0) {
                *error = QStringLiteral("Protobuf framing: negative message index %1").arg(index);
                return false;
            }
            indexes->push_back(index);
        }
    }
    frame->payload = frame->payload.substr(size_t(in.CurrentPosition()));
    return true;
}

QByteArray registryHeader(qint32 schemaId)
{
    QByteArray out(qsizetype(kHeaderBytes), '\0');
    qToBigEndian(schemaId, out.data() + 1);
    return out;
}

QByteArray protobufRegistryHeader(qint32 schemaId, const std::vector<int> &indexes)
{
    using google::protobuf::internal::WireFormatLite;
    using google::protobuf::io::CodedOutputStream;
    QByteArray out = registryHeader(schemaId);
    auto append = [&out](qint32 value) {
        quint8 buffer[5]; // a 32-bit varint takes at most 5 bytes
        const quint8 *end = CodedOutputStream::WriteVarint32ToArray(WireFormatLite::ZigZagEncode32(value), buffer);
        out.append(reinterpret_cast<const char *>(buffer), end - buffer);
    };
    if (indexes.size() == 1 && indexes[0] == 0) {
        append(0);
        return out;
    }
    append(qint32(indexes.size()));
    for (const int index : indexes)
        append(index);
    return out;
}

} // namespace kafkascope
