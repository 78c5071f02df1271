#include "decoding/protobuf_encoder.h"

#include "decoding/proto_schema.h"
#include "decoding/registry_framing.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

namespace kafkascope {

namespace gp = google::protobuf;

QByteArray encodeProtobufFramed(const ProtoSchema &schema, const QString &messageType, qint32 schemaId,
                                const QByteArray &json, QString *typeName, QString *error)
{
    const gp::Descriptor *type = messageType.trimmed().isEmpty() ? schema.messageAt({0}, error)
                                                                 : schema.findMessage(messageType.trimmed(), error);
    if (!type)
        return {};
    *typeName = QString::fromStdString(type->full_name());
    std::vector<int> indexes;
    if (!schema.indexesOf(type, &indexes, error))
        return {};
    const std::unique_ptr<gp::Message> message = schema.newMessage(type);
    if (!message) {
        *error = QStringLiteral("no message can be made of %1").arg(*typeName);
        return {};
    }
    const auto status = gp::util::JsonStringToMessage(gp::StringPiece(json.constData(), size_t(json.size())), message.get(),
                                                      gp::util::JsonParseOptions());
    if (!status.ok()) {
        // libprotobuf's words name the field ("temperature: invalid value ...").
        *error = QString::fromUtf8(status.message().data(), qsizetype(status.message().size()));
        return {};
    }
    if (!message->IsInitialized()) { // proto2 required fields
        *error = QStringLiteral("missing required field(s): %1").arg(QString::fromStdString(message->InitializationErrorString()));
        return {};
    }
    std::string payload;
    if (!message->SerializeToString(&payload)) {
        *error = QStringLiteral("%1 could not be serialized").arg(*typeName);
        return {};
    }
    return protobufRegistryHeader(schemaId, indexes) + QByteArray::fromStdString(payload);
}

} // namespace kafkascope
