#pragma once
// Prints protobuf bytes of the message types of one descriptor pool as JSON with libprotobuf's
// own converter (BinaryToJsonStream), holding what MessageToJsonString rebuilds on every call:
// the pool's type resolver, the google.protobuf.Type of each message type it resolved, and the
// type URLs. Proto field names, fields at their default included, as MessageToJsonString prints
// them. Not thread-safe: one per ProtoSchema, which is one per decoding thread.

#include <QString>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace google::protobuf {
class Descriptor;
class DescriptorPool;
class Message;
} // namespace google::protobuf

namespace kafkascope {

class ProtoJsonPrinter
{
public:
    explicit ProtoJsonPrinter(const google::protobuf::DescriptorPool *pool);
    ~ProtoJsonPrinter();
    ProtoJsonPrinter(const ProtoJsonPrinter &) = delete;
    ProtoJsonPrinter &operator=(const ProtoJsonPrinter &) = delete;

    // `parsed` is `bytes` already parsed (the converter reports bad bytes less precisely).
    bool print(const google::protobuf::Message &parsed, std::string_view bytes, std::string *json, QString *error);

private:
    struct TypeInfo
    {
        std::string url;
        // Flat (no message, map or oneof field, no explicit presence) and declared in field
        // number order: when every field is on the wire, in order, there is no default to add.
        bool flatInOrder = false;
    };
    const TypeInfo &info(const google::protobuf::Descriptor *type);

    class CachingResolver;
    std::unique_ptr<CachingResolver> m_resolver;
    std::unordered_map<const google::protobuf::Descriptor *, TypeInfo> m_types;
};

} // namespace kafkascope
