#pragma once
// Encodes a JSON document with an Avro schema (a registry's) into a registry-framed record:
// magic byte 0, the schema id, then Avro's binary encoding written by Avro C. The JSON is read
// the way people write it: records as objects, enums as their symbol, a union's value as is
// (the first branch that fits) or in Avro's JSON form {"type": value}; a field missing from the
// object is null when its type allows null. Every mismatch is an error naming the field.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace kafkascope {

QByteArray encodeAvroFramed(const QByteArray &schemaJson, qint32 schemaId, const QJsonValue &document, QString *error);

} // namespace kafkascope
