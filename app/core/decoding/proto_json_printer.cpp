#include "decoding/proto_json_printer.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/type.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>
#include <google/protobuf/wire_format_lite.h>

namespace kafkascope {

namespace gp = google::protobuf;

namespace {
constexpr char kTypeUrlPrefix[] = "type.googleapis.com"; // what MessageToJsonString uses
}

// libprotobuf's pool resolver builds a google.protobuf.Type from the descriptor on every
// lookup, and the converter looks each type up on every message: keep what it built.
class ProtoJsonPrinter::CachingResolver : public gp::util::TypeResolver
{
public:
    explicit CachingResolver(const gp::DescriptorPool *pool)
        : m_inner(gp::util::NewTypeResolverForDescriptorPool(kTypeUrlPrefix, pool))
    {
    }
    gp::util::Status ResolveMessageType(const std::string &url, gp::Type *type) override
    {
        return resolve(m_types, url, type, &gp::util::TypeResolver::ResolveMessageType);
    }
    gp::util::Status ResolveEnumType(const std::string &url, gp::Enum *type) override
    {
        return resolve(m_enums, url, type, &gp::util::TypeResolver::ResolveEnumType);
    }

private:
    template<typename T, typename Resolve>
    gp::util::Status resolve(std::unordered_map<std::string, T> &cache, const std::string &url, T *out, Resolve how)
    {
        auto it = cache.find(url);
        if (it == cache.end()) {
            T fresh;
            const gp::util::Status status = (m_inner.get()->*how)(url, &fresh);
            if (!status.ok())
                return status;
            it = cache.emplace(url, std::move(fresh)).first;
        }
        *out = it->second;
        return gp::util::OkStatus();
    }

    std::unique_ptr<gp::util::TypeResolver> m_inner;
    std::unordered_map<std::string, gp::Type> m_types;
    std::unordered_map<std::string, gp::Enum> m_enums;
};

ProtoJsonPrinter::ProtoJsonPrinter(const gp::DescriptorPool *pool) : m_resolver(std::make_unique<CachingResolver>(pool)) {}
ProtoJsonPrinter::~ProtoJsonPrinter() = default;

const ProtoJsonPrinter::TypeInfo &ProtoJsonPrinter::info(const gp::Descriptor *type)
{
    auto it = m_types.find(type);
    if (it != m_types.end())
        return it->second;
    TypeInfo info;
    info.url = std::string(kTypeUrlPrefix) + '/' + type->full_name();
    info.flatInOrder = true;
    for (int i = 0; i < type->field_count() && info.flatInOrder; ++i) {
        const gp::FieldDescriptor *f = type->field(i);
        info.flatInOrder = f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE && !f->containing_oneof()
                           && !(f->has_presence() && !f->is_repeated()) && (i == 0 || type->field(i - 1)->number() < f->number());
    }
    return m_types.emplace(type, std::move(info)).first->second;
}

namespace {

// Every field has a value that is not its default (a repeated one at least one element)?
bool everyFieldSet(const gp::Message &message)
{
    const gp::Descriptor *type = message.GetDescriptor();
    const gp::Reflection *reflection = message.GetReflection();
    for (int i = 0; i < type->field_count(); ++i) {
        const gp::FieldDescriptor *f = type->field(i);
        if (f->is_repeated() ? reflection->FieldSize(message, f) == 0 : !reflection->HasField(message, f))
            return false;
    }
    return true;
}

// Fields on the wire in number order, each singular one once, as protobuf's serializers write
// them (only the tags are read, libprotobuf skips the values).
bool inNumberOrder(const gp::Descriptor *type, std::string_view bytes)
{
    using gp::internal::WireFormatLite;
    gp::io::CodedInputStream in(reinterpret_cast<const quint8 *>(bytes.data()), int(bytes.size()));
    int last = 0;
    while (const quint32 tag = in.ReadTag()) {
        const int number = int(WireFormatLite::GetTagFieldNumber(tag));
        if (number < last)
            return false;
        if (number == last) {
            const gp::FieldDescriptor *f = type->FindFieldByNumber(number);
            if (!f || !f->is_repeated())
                return false;
        }
        last = number;
        if (!WireFormatLite::SkipField(&in, tag))
            return false;
    }
    return in.ConsumedEntireMessage();
}

} // namespace

bool ProtoJsonPrinter::print(const gp::Message &parsed, std::string_view bytes, std::string *json, QString *error)
{
    const gp::Descriptor *type = parsed.GetDescriptor();
    const TypeInfo &type_ = info(type);
    gp::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    // Printing fields at their default runs every message through a tree of default values,
    // half the converter's time; a message with nothing at its default prints the same without.
    options.always_print_primitive_fields = !(type_.flatInOrder && everyFieldSet(parsed) && inNumberOrder(type, bytes));
    json->clear();
    // Straight from the record's bytes: MessageToJsonString would serialize the parsed message
    // again (through reflection, for a DynamicMessage) only to convert those bytes.
    gp::io::ArrayInputStream in(bytes.data(), int(bytes.size()));
    gp::io::StringOutputStream out(json);
    const gp::util::Status status = gp::util::BinaryToJsonStream(m_resolver.get(), type_.url, &in, &out, options);
    if (!status.ok()) {
        *error = QStringLiteral("cannot print %1 as JSON: %2")
                     .arg(QString::fromStdString(type->full_name()),
                          QString::fromUtf8(status.message().data(), qsizetype(status.message().size())));
        return false;
    }
    return true;
}

} // namespace kafkascope
