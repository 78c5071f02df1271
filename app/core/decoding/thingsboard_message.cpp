#include "decoding/thingsboard_message.h"

#include "decoding/proto_schema.h"

#include <QUuid>
#include <QtEndian>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <charconv>

namespace kafkascope {

namespace gp = google::protobuf;

namespace {

void appendJsonString(std::string *out, std::string_view s)
{
    out->push_back('"');
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out->push_back('\\');
            out->push_back(ch);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out->append(buf);
        } else {
            out->push_back(ch);
        }
    }
    out->push_back('"');
}

QString uuidOf(qint64 msb, qint64 lsb)
{
    uchar bytes[16];
    qToBigEndian(msb, bytes);
    qToBigEndian(lsb, bytes + 8);
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16)).toString(QUuid::WithoutBraces);
}

qint64 parseMs(std::string_view text)
{
    qint64 v = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size() ? v : -1;
}

const gp::FieldDescriptor *field(const gp::Descriptor *d, const char *name)
{
    return d->FindFieldByName(name);
}

qint64 int64Field(const gp::Message &m, const char *name)
{
    const gp::FieldDescriptor *f = field(m.GetDescriptor(), name);
    if (!f || f->is_repeated())
        return 0;
    switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT64: return m.GetReflection()->GetInt64(m, f);
    case gp::FieldDescriptor::CPPTYPE_INT32: return m.GetReflection()->GetInt32(m, f);
    default: return 0;
    }
}

std::string stringField(const gp::Message &m, const char *name)
{
    const gp::FieldDescriptor *f = field(m.GetDescriptor(), name);
    if (!f || f->is_repeated() || f->cpp_type() != gp::FieldDescriptor::CPPTYPE_STRING)
        return {};
    return m.GetReflection()->GetString(m, f);
}

// TbMsgProto -> record.
bool readTbMsg(const gp::Message &m, ThingsBoardRecord *out, QString *error)
{
    const gp::Descriptor *d = m.GetDescriptor();
    if (!field(d, "type") || !field(d, "data") || !field(d, "metaData")) {
        *error = QStringLiteral("%1 has no type/data/metaData fields: not ThingsBoard's TbMsgProto")
                     .arg(QString::fromStdString(d->full_name()));
        return false;
    }
    out->type = QString::fromStdString(stringField(m, "type"));
    out->originatorType = QString::fromStdString(stringField(m, "entityType"));
    out->originatorId = uuidOf(int64Field(m, "entityIdMSB"), int64Field(m, "entityIdLSB"));
    out->data = stringField(m, "data");
    const qint64 msgTs = int64Field(m, "ts");
    out->metadata.clear();
    const gp::FieldDescriptor *metaField = field(d, "metaData");
    if (metaField->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE && !metaField->is_repeated()
        && m.GetReflection()->HasField(m, metaField)) {
        const gp::Message &meta = m.GetReflection()->GetMessage(m, metaField);
        // map<string, string> data = 1: a repeated entry message with key and value.
        const gp::FieldDescriptor *map = meta.GetDescriptor()->FindFieldByName("data");
        if (map && map->is_map()) {
            const gp::Reflection *r = meta.GetReflection();
            for (int i = 0; i < r->FieldSize(meta, map); ++i) {
                const gp::Message &entry = r->GetRepeatedMessage(meta, map, i);
                out->metadata.emplace_back(stringField(entry, "key"), stringField(entry, "value"));
            }
        }
    }
    const qint64 metaTs = parseMs(out->metadataValue("ts"));
    out->timestampMs = metaTs >= 0 ? metaTs : (msgTs > 0 ? msgTs : -1);
    return true;
}

} // namespace

std::string ThingsBoardRecord::metadataValue(std::string_view key) const
{
    for (const auto &[k, v] : metadata)
        if (k == key)
            return v;
    return {};
}

bool ThingsBoardRecord::carriesTelemetry() const
{
    return type == u"POST_TELEMETRY_REQUEST" || type == u"POST_ATTRIBUTES_REQUEST";
}

std::string ThingsBoardRecord::toJson() const
{
    std::string out = "{\"type\":";
    appendJsonString(&out, type.toStdString());
    out += ",\"originator\":{\"entityType\":";
    appendJsonString(&out, originatorType.toStdString());
    out += ",\"id\":";
    appendJsonString(&out, originatorId.toStdString());
    out += "}";
    if (!tenantId.isEmpty()) {
        out += ",\"tenantId\":";
        appendJsonString(&out, tenantId.toStdString());
    }
    out += ",\"ts\":" + std::to_string(timestampMs) + ",\"metadata\":{";
    for (size_t i = 0; i < metadata.size(); ++i) {
        if (i)
            out.push_back(',');
        appendJsonString(&out, metadata[i].first);
        out.push_back(':');
        appendJsonString(&out, metadata[i].second);
    }
    out += "},\"data\":";
    // The data is JSON text; kept as a string, the browser's JSON view parses it once more.
    appendJsonString(&out, data);
    out.push_back('}');
    return out;
}

bool unwrapThingsBoard(const gp::Message &message, const ProtoSchema &schema, ThingsBoardRecord *out, QString *error)
{
    const gp::Descriptor *d = message.GetDescriptor();
    const gp::FieldDescriptor *inner = d->FindFieldByName("tbMsg");
    if (!inner)
        return readTbMsg(message, out, error); // a TbMsgProto itself
    if (inner->is_repeated() || inner->cpp_type() != gp::FieldDescriptor::CPPTYPE_STRING) {
        *error = QStringLiteral("%1.tbMsg is not a bytes field").arg(QString::fromStdString(d->full_name()));
        return false;
    }
    const std::string bytes = message.GetReflection()->GetString(message, inner);
    const gp::Descriptor *tbMsg = schema.findMessage(QStringLiteral("TbMsgProto"), error);
    if (!tbMsg)
        return false;
    const auto parsed = schema.parse(tbMsg, bytes, error);
    if (!parsed)
        return false;
    if (!readTbMsg(*parsed, out, error))
        return false;
    out->tenantId = uuidOf(int64Field(message, "tenantIdMSB"), int64Field(message, "tenantIdLSB"));
    return true;
}

bool readRuleNodeHeaders(const HeaderViews &headers, ThingsBoardRecord *out)
{
    bool found = false;
    out->metadata.clear();
    for (const auto &[name, value] : headers) {
        if (name.substr(0, kRuleNodeHeaderPrefix.size()) != kRuleNodeHeaderPrefix)
            continue;
        const std::string_view key = name.substr(kRuleNodeHeaderPrefix.size());
        out->metadata.emplace_back(std::string(key), std::string(value));
        if (key == "deviceName" && !value.empty())
            found = true;
    }
    if (!found)
        return false;
    out->timestampMs = parseMs(out->metadataValue("ts"));
    out->type = QString::fromStdString(out->metadataValue("msgType")); // often absent
    out->originatorType = QString::fromStdString(out->metadataValue("deviceType"));
    return true;
}

} // namespace kafkascope
