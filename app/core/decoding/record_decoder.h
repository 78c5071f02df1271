#pragma once
// What a topic's decoders make of whole records, for the views that list many of them (the
// browser's table, its filter, export): the decoded key and value, the schema id and type, or
// why a part could not be decoded. Bytes that read as they are (JSON, text, binary shown as
// hex) are left alone: only what needs a schema is decoded, so a plain topic costs nothing.
// One instance per thread; schemas are fetched (blocking) on that thread, never the UI's.

#include "decoding/decoder_choice.h"
#include "decoding/payload_decoder.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace kafkascope {

struct DecodedRecord
{
    bool keyDecoded = false;   // key holds the decoded key
    bool valueDecoded = false; // value holds the decoded value
    bool valueJson = false;    // value is a JSON document
    QByteArray key;
    QByteArray value;          // compact JSON, or text
    DecoderKind valueKind = DecoderKind::Auto;
    qint32 valueSchemaId = -1;
    QString valueSubject;
    QString valueType;         // Avro record / Protobuf message name
    QString error;             // "value: unknown schema id 42"; empty when every part decoded

    bool failed() const { return !error.isEmpty(); }
    // "Avro (registry) · schema id 3 · demo.Reading", or the error.
    QString summary() const;
};

class RecordDecoder
{
public:
    RecordDecoder(std::shared_ptr<SchemaRegistryClient> registry, const TopicDecoding &decoding);
    ~RecordDecoder();
    RecordDecoder(const RecordDecoder &) = delete;
    RecordDecoder &operator=(const RecordDecoder &) = delete;

    // Whether the part needs its decoder (a schema) to be read, or reads as it is.
    static bool needsDecoding(const DecoderChoice &choice, std::string_view bytes);

    // Null when neither part needs decoding. keyNull/valueNull: a null part is never decoded.
    std::shared_ptr<const DecodedRecord> decode(std::string_view key, bool keyNull, std::string_view value,
                                                bool valueNull);

    const TopicDecoding &decoding() const { return m_decoding; }
    qint64 failedCount() const { return m_failed; }
    // "3 record(s) could not be decoded: value: unknown schema id 42 (3)"; empty when none.
    QString failureNote() const;
    // The same over the records of several decoders (a scan's readers), counted together.
    static QString failureNote(const QList<const RecordDecoder *> &decoders);

private:
    TopicDecoding m_decoding;
    PayloadDecoder m_decoder;
    qint64 m_failed = 0;
};

} // namespace kafkascope
