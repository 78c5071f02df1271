#pragma once
// A set of .proto definitions, from local files (an import path the user points at) or from a
// registry's schema text, compiled with protobuf's own compiler::Importer, and the decoding of
// bytes of one of its message types to JSON with DynamicMessage. Parse errors name file:line.
// One instance per thread: decoding takes no lock.

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class Descriptor;
class Message;
} // namespace google::protobuf

namespace kafkascope {

class ProtoSchema
{
public:
    ProtoSchema();
    ~ProtoSchema();
    ProtoSchema(const ProtoSchema &) = delete;
    ProtoSchema &operator=(const ProtoSchema &) = delete;

    // Loads `files` (paths relative to an import path, or absolute paths under one); with no
    // files, every .proto under the import paths. False with "file:line:column: message" lines.
    bool loadFiles(const QStringList &importPaths, const QStringList &files, QString *error);
    // Loads a registry schema: the main file's text and the texts of its references by import name.
    bool loadText(const QByteArray &text, const QHash<QString, QByteArray> &references, QString *error);

    // A message type by full name ("pkg.Msg"), or by its short name when that is unique.
    const google::protobuf::Descriptor *findMessage(const QString &name, QString *error) const;
    // The message type that registry message indexes name in the main file ([0] = the first).
    const google::protobuf::Descriptor *messageAt(const std::vector<int> &indexes, QString *error) const;
    // The registry message indexes of `type` (the inverse of messageAt); false when the type
    // is not declared in the main file, which registry framing cannot name.
    bool indexesOf(const google::protobuf::Descriptor *type, std::vector<int> *indexes, QString *error) const;
    QStringList messageTypes() const; // every message type's full name (for a picker)

    // An empty message of `type` (a DynamicMessage), null when the type is not of this set.
    std::unique_ptr<google::protobuf::Message> newMessage(const google::protobuf::Descriptor *type) const;

    // Parses `bytes` as `type`; null with the reason when they do not match.
    std::unique_ptr<google::protobuf::Message> parse(const google::protobuf::Descriptor *type,
                                                     std::string_view bytes, QString *error) const;
    // Checks and prints as JSON (proto field names, defaults included); for a stream of records
    // (reuses a message per type and the printer's resolved types).
    bool toJson(const google::protobuf::Descriptor *type, std::string_view bytes, std::string *json,
                QString *error) const;
    static bool messageToJson(const google::protobuf::Message &message, std::string *json, QString *error);

private:
    // Parses into `message` (cleared first); false when the bytes are not that type.
    static bool parseInto(google::protobuf::Message *message, std::string_view bytes, QString *error);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace kafkascope
