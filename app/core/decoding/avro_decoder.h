#pragma once
// Decodes Avro binary records to JSON with Apache Avro C (Debian's libavro-dev): the writer's
// schema (from the registry) parsed once, then one generic value reused for every record.
// Unions print as their branch's value, as Confluent's deserializers return them.
// One instance per schema and thread.

#include <QByteArray>
#include <QString>
#include <string>
#include <string_view>

namespace kafkascope {

class AvroDecoder
{
public:
    AvroDecoder();
    ~AvroDecoder();
    AvroDecoder(const AvroDecoder &) = delete;
    AvroDecoder &operator=(const AvroDecoder &) = delete;

    // Parses the schema (Avro JSON schema text); false with Avro's reason.
    bool load(const QByteArray &schemaJson, QString *error);
    // The loaded schema's full name ("demo.meters.MeterReading"), or its type ("string").
    QString typeName() const;
    // Decodes one record to JSON text; false when the bytes do not match the schema.
    bool toJson(std::string_view bytes, std::string *json, QString *error);

private:
    struct Impl;
    Impl *d;
};

} // namespace kafkascope
