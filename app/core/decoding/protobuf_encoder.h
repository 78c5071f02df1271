#pragma once
// Encodes a JSON document as one message type of a registry Protobuf schema into a
// registry-framed record: libprotobuf's own JSON parser fills a DynamicMessage of the type,
// which is serialized after magic 0, the schema id and the type's message indexes. JSON as
// protobuf maps it (proto or lowerCamel field names, enums by name, 64-bit integers as numbers
// or strings); an unknown field or a value of the wrong type is an error naming the field.

#include <QByteArray>
#include <QString>

namespace kafkascope {

class ProtoSchema;

// messageType: full or unique short name; empty: the schema's first message type. Fills
// *typeName with the full name of the type used. Empty result with *error on failure.
QByteArray encodeProtobufFramed(const ProtoSchema &schema, const QString &messageType, qint32 schemaId,
                                const QByteArray &json, QString *typeName, QString *error);

} // namespace kafkascope
