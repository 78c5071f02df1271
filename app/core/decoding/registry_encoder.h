#pragma once
// Encodes a JSON document for producing with a registry schema (Avro, Protobuf or JSON Schema):
// finds the schema by subject and version or by id, checks its type, encodes and frames. Runs on
// a job's thread (the registry client blocks). Errors are split by where the user fixes them:
// the schema chosen, or the value typed.

#include "decoding/decoder_choice.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kafkascope {

class SchemaRegistryClient;

struct RegistryEncodeRequest
{
    DecoderKind kind = DecoderKind::AvroRegistry; // AvroRegistry, ProtobufRegistry or JsonSchemaRegistry
    QString subject;
    int version = -1;    // -1: the newest
    qint32 schemaId = -1; // >= 0: this id, whatever the subject
    QString messageType; // Protobuf: empty for the schema's first message type
    QByteArray json;     // a JSON document; empty: only look the schema up (messageTypes)
};

struct RegistryEncoded
{
    QByteArray bytes; // framed; empty on failure
    qint32 schemaId = -1;
    QString subject;
    int version = -1;
    QString typeName;         // Protobuf: the message type used
    QStringList messageTypes; // Protobuf: the schema's types, for the picker
    QString schemaError;      // the schema could not be had or is of another type
    QString valueError;       // the value does not fit the schema
    bool ok() const { return !bytes.isEmpty(); }
};

RegistryEncoded encodeWithRegistry(SchemaRegistryClient &client, const RegistryEncodeRequest &request);

} // namespace kafkascope
