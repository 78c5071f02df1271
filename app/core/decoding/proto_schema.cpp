#include "decoding/proto_schema.h"

#include "decoding/proto_json_printer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/json_util.h>

#include <unordered_map>

namespace kafkascope {

namespace gp = google::protobuf;

namespace {

constexpr char kMainFile[] = "registry-schema.proto";

// Errors as the user reads them: file:line:column (1-based) and the compiler's words.
class ErrorList : public gp::compiler::MultiFileErrorCollector
{
public:
    void AddError(const std::string &file, int line, int column, const std::string &message) override
    {
        QString where = QString::fromStdString(file);
        if (line >= 0)
            where += QStringLiteral(":%1:%2").arg(line + 1).arg(column + 1);
        m_lines.append(where + QStringLiteral(": ") + QString::fromStdString(message));
    }
    QString text() const { return m_lines.join(QLatin1Char('\n')); }
    bool empty() const { return m_lines.isEmpty(); }
    void clear() { m_lines.clear(); }

private:
    QStringList m_lines;
};

// Files from memory (a registry schema and its references), then the import paths on disk,
// then the well-known types compiled into libprotobuf (google/protobuf/timestamp.proto, ...),
// printed back to source so a machine without protobuf's .proto files still resolves them.
class LayeredSourceTree : public gp::compiler::SourceTree
{
public:
    QHash<QString, QByteArray> memory;
    gp::compiler::DiskSourceTree disk;

    gp::io::ZeroCopyInputStream *Open(const std::string &filename) override
    {
        const QString name = QString::fromStdString(filename);
        if (auto it = memory.constFind(name); it != memory.constEnd())
            return hold(*it);
        if (gp::io::ZeroCopyInputStream *in = disk.Open(filename))
            return in;
        if (const gp::FileDescriptor *builtin = gp::DescriptorPool::generated_pool()->FindFileByName(filename))
            return hold(QByteArray::fromStdString(builtin->DebugString()));
        m_lastError = disk.GetLastErrorMessage();
        return nullptr;
    }
    std::string GetLastErrorMessage() override { return m_lastError; }

private:
    gp::io::ZeroCopyInputStream *hold(const QByteArray &text)
    {
        m_held.push_back(std::make_unique<QByteArray>(text)); // the stream reads it later
        return new gp::io::ArrayInputStream(m_held.back()->constData(), int(m_held.back()->size()));
    }
    std::vector<std::unique_ptr<QByteArray>> m_held;
    std::string m_lastError = "file not found";
};

void collectMessages(const gp::Descriptor *d, QStringList *out)
{
    if (d->options().map_entry())
        return; // a map field's generated entry type, nobody's message
    out->append(QString::fromStdString(d->full_name()));
    for (int i = 0; i < d->nested_type_count(); ++i)
        collectMessages(d->nested_type(i), out);
}

} // namespace

struct ProtoSchema::Impl
{
    LayeredSourceTree tree;
    ErrorList errors;
    std::unique_ptr<gp::compiler::Importer> importer;
    std::unique_ptr<gp::DescriptorPool> serializedPool; // a schema given as a serialized descriptor
    std::unique_ptr<gp::DynamicMessageFactory> factory;
    std::vector<const gp::FileDescriptor *> files;
    // For toJson, made on first use: decoding a stream reuses one message per type and the
    // printer's resolved types instead of making them again for every record.
    std::unique_ptr<ProtoJsonPrinter> printer;
    std::unordered_map<const gp::Descriptor *, std::unique_ptr<gp::Message>> scratch;

    void reset()
    {
        scratch.clear();
        printer.reset();
        factory.reset();
        errors.clear();
        serializedPool.reset();
        importer = std::make_unique<gp::compiler::Importer>(&tree, &errors);
        files.clear();
    }
    bool import(const std::string &name)
    {
        const gp::FileDescriptor *f = importer->Import(name);
        if (!f)
            return false;
        files.push_back(f);
        return true;
    }
    const gp::DescriptorPool *pool() const
    {
        if (serializedPool)
            return serializedPool.get();
        return importer ? importer->pool() : nullptr;
    }

    // Confluent's "serialized" schema format (what its Python and Go serializers register):
    // a base64 FileDescriptorProto instead of .proto source. Its imports must be well-known
    // types, which the generated pool underneath resolves.
    bool loadSerialized(const QByteArray &text, QString *error)
    {
        const auto decoded = QByteArray::fromBase64Encoding(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        gp::FileDescriptorProto proto;
        if (!decoded || decoded.decoded.isEmpty() || !proto.ParseFromArray(decoded.decoded.constData(), int(decoded.decoded.size())))
            return false;
        serializedPool = std::make_unique<gp::DescriptorPool>(gp::DescriptorPool::generated_pool());
        const gp::FileDescriptor *file = serializedPool->BuildFile(proto);
        if (!file) {
            *error = QStringLiteral("the registry's serialized Protobuf schema %1 does not build (imports other than well-known types?)")
                         .arg(QString::fromStdString(proto.name()));
            serializedPool.reset();
            return false;
        }
        files.push_back(file);
        return true;
    }
};

ProtoSchema::ProtoSchema() : d(std::make_unique<Impl>()) {}
ProtoSchema::~ProtoSchema() = default;

bool ProtoSchema::loadFiles(const QStringList &importPaths, const QStringList &files, QString *error)
{
    d->reset();
    if (importPaths.isEmpty()) {
        *error = QStringLiteral("no import path given for the .proto files");
        return false;
    }
    QStringList roots;
    for (const QString &path : importPaths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            *error = QStringLiteral("import path \"%1\" is not a readable folder").arg(path);
            return false;
        }
        roots.append(info.absoluteFilePath());
        d->tree.disk.MapPath("", QFile::encodeName(info.absoluteFilePath()).toStdString());
    }
    // Names relative to the first import path that holds them, as the compiler wants them.
    auto relative = [&](const QString &file) -> QString {
        const QFileInfo info(file);
        if (info.isRelative())
            return QDir::cleanPath(file);
        for (const QString &root : roots) {
            const QString rel = QDir(root).relativeFilePath(info.absoluteFilePath());
            if (!rel.startsWith(QStringLiteral("..")))
                return rel;
        }
        return {};
    };
    QStringList wanted;
    if (files.isEmpty()) {
        for (const QString &root : roots) {
            QDirIterator it(root, {QStringLiteral("*.proto")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                wanted.append(QDir(root).relativeFilePath(it.next()));
        }
        if (wanted.isEmpty()) {
            *error = QStringLiteral("no .proto file under %1").arg(importPaths.join(QStringLiteral(", ")));
            return false;
        }
    } else {
        for (const QString &f : files) {
            const QString rel = relative(f);
            if (rel.isEmpty()) {
                *error = QStringLiteral("%1 is not under an import path").arg(f);
                return false;
            }
            wanted.append(rel);
        }
    }
    wanted.sort();
    bool ok = true;
    for (const QString &name : std::as_const(wanted))
        ok = d->import(QFile::encodeName(name).toStdString()) && ok;
    if (!ok || !d->errors.empty()) {
        *error = d->errors.empty() ? QStringLiteral("the .proto files could not be loaded") : d->errors.text();
        return false;
    }
    d->factory = std::make_unique<gp::DynamicMessageFactory>(d->pool());
    return true;
}

bool ProtoSchema::loadText(const QByteArray &text, const QHash<QString, QByteArray> &references, QString *error)
{
    d->reset();
    const bool source = text.contains(' ') || text.contains('\n') || text.contains(';');
    if (!source) {
        QString why;
        if (d->loadSerialized(text, &why)) {
            d->factory = std::make_unique<gp::DynamicMessageFactory>(d->pool());
            return true;
        }
        if (!why.isEmpty()) {
            *error = why;
            return false;
        }
    }
    d->tree.memory = references;
    d->tree.memory.insert(QString::fromLatin1(kMainFile), text);
    if (!d->import(kMainFile) || !d->errors.empty()) {
        *error = d->errors.empty() ? QStringLiteral("the registry's .proto schema could not be compiled") : d->errors.text();
        return false;
    }
    d->factory = std::make_unique<gp::DynamicMessageFactory>(d->pool());
    return true;
}

const gp::Descriptor *ProtoSchema::findMessage(const QString &name, QString *error) const
{
    if (!d->pool()) {
        *error = QStringLiteral("no .proto files loaded");
        return nullptr;
    }
    if (const gp::Descriptor *exact = d->pool()->FindMessageTypeByName(name.toStdString()))
        return exact;
    const gp::Descriptor *found = nullptr;
    int matches = 0;
    for (const QString &full : messageTypes()) {
        if (full == name || full.endsWith(QLatin1Char('.') + name)) {
            found = d->pool()->FindMessageTypeByName(full.toStdString());
            ++matches;
        }
    }
    if (matches == 1)
        return found;
    *error = matches == 0 ? QStringLiteral("message type \"%1\" is not declared in the loaded .proto files").arg(name)
                          : QStringLiteral("message type \"%1\" is ambiguous: give its full name").arg(name);
    return nullptr;
}

const gp::Descriptor *ProtoSchema::messageAt(const std::vector<int> &indexes, QString *error) const
{
    if (d->files.empty() || indexes.empty()) {
        *error = QStringLiteral("no schema loaded");
        return nullptr;
    }
    const gp::FileDescriptor *file = d->files.front();
    if (indexes[0] >= file->message_type_count()) {
        *error = QStringLiteral("message index %1 but the schema declares %2 message type(s)")
                     .arg(indexes[0]).arg(file->message_type_count());
        return nullptr;
    }
    const gp::Descriptor *type = file->message_type(indexes[0]);
    for (size_t i = 1; i < indexes.size(); ++i) {
        if (indexes[i] >= type->nested_type_count()) {
            *error = QStringLiteral("message index %1 not nested in %2").arg(indexes[i]).arg(QString::fromStdString(type->full_name()));
            return nullptr;
        }
        type = type->nested_type(indexes[i]);
    }
    return type;
}

bool ProtoSchema::indexesOf(const gp::Descriptor *type, std::vector<int> *indexes, QString *error) const
{
    if (d->files.empty() || type->file() != d->files.front()) {
        *error = QStringLiteral("%1 is not declared in the schema's own file (an imported type has no message index)")
                     .arg(QString::fromStdString(type->full_name()));
        return false;
    }
    indexes->clear();
    for (const gp::Descriptor *t = type; t; t = t->containing_type())
        indexes->insert(indexes->begin(), t->index());
    return true;
}

std::unique_ptr<gp::Message> ProtoSchema::newMessage(const gp::Descriptor *type) const
{
    const gp::Message *prototype = d->factory ? d->factory->GetPrototype(type) : nullptr;
    return prototype ? std::unique_ptr<gp::Message>(prototype->New()) : nullptr;
}

QStringList ProtoSchema::messageTypes() const
{
    QStringList out;
    for (const gp::FileDescriptor *f : d->files)
        for (int i = 0; i < f->message_type_count(); ++i)
            collectMessages(f->message_type(i), &out);
    // Types of imported files too: the user may pick a type declared in a dependency.
    for (const gp::FileDescriptor *f : d->files)
        for (int j = 0; j < f->dependency_count(); ++j)
            for (int i = 0; i < f->dependency(j)->message_type_count(); ++i)
                collectMessages(f->dependency(j)->message_type(i), &out);
    out.removeDuplicates();
    return out;
}

std::unique_ptr<gp::Message> ProtoSchema::parse(const gp::Descriptor *type, std::string_view bytes, QString *error) const
{
    const gp::Message *prototype = d->factory ? d->factory->GetPrototype(type) : nullptr;
    if (!prototype) {
        *error = QStringLiteral("no prototype for %1").arg(QString::fromStdString(type->full_name()));
        return nullptr;
    }
    std::unique_ptr<gp::Message> message(prototype->New());
    if (!parseInto(message.get(), bytes, error))
        return nullptr;
    return message;
}

bool ProtoSchema::parseInto(gp::Message *message, std::string_view bytes, QString *error)
{
    const gp::Descriptor *type = message->GetDescriptor();
    if (!message->ParseFromArray(bytes.data(), int(bytes.size()))) {
        *error = QStringLiteral("%1 byte(s) are not a valid %2 message").arg(bytes.size()).arg(QString::fromStdString(type->full_name()));
        return false;
    }
    // Protobuf accepts the bytes of another type as unknown fields; a message in which no
    // field is known is the wrong type, not an empty one.
    const gp::Reflection *reflection = message->GetReflection();
    const int unknown = reflection->GetUnknownFields(*message).field_count();
    if (unknown == 0)
        return true;
    std::vector<const gp::FieldDescriptor *> set;
    reflection->ListFields(*message, &set);
    if (set.empty()) {
        *error = QStringLiteral("the bytes carry no field of %1 (%2 unknown field(s)): wrong message type?")
                     .arg(QString::fromStdString(type->full_name()))
                     .arg(unknown);
        return false;
    }
    return true;
}

bool ProtoSchema::messageToJson(const gp::Message &message, std::string *json, QString *error)
{
    gp::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    json->clear();
    const auto status = gp::util::MessageToJsonString(message, json, options);
    if (!status.ok()) {
        *error = QStringLiteral("cannot print %1 as JSON: %2")
                     .arg(QString::fromStdString(message.GetDescriptor()->full_name()),
                          QString::fromUtf8(status.message().data(), qsizetype(status.message().size())));
        return false;
    }
    return true;
}

bool ProtoSchema::toJson(const gp::Descriptor *type, std::string_view bytes, std::string *json, QString *error) const
{
    std::unique_ptr<gp::Message> &message = d->scratch[type];
    if (!message && !(message = newMessage(type))) {
        d->scratch.erase(type);
        *error = QStringLiteral("no prototype for %1").arg(QString::fromStdString(type->full_name()));
        return false;
    }
    // Parsed only to check the bytes (as parse() does); the printer reads the bytes themselves.
    if (!parseInto(message.get(), bytes, error))
        return false;
    if (!d->printer)
        d->printer = std::make_unique<ProtoJsonPrinter>(d->pool());
    return d->printer->print(*message, bytes, json, error);
}

} // namespace kafkascope
