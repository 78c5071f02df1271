#include "messages/registry_schema_picker.h"

#include "common/field_message.h"
#include "decoding/schema_registry_client.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace kafkascope {

RegistrySchemaPicker::RegistrySchemaPicker(RegistryEndpoint endpoint, QWidget *parent)
    : QWidget(parent), m_endpoint(std::move(endpoint)), m_subject(new QLineEdit), m_version(new QSpinBox),
      m_schemaId(new QSpinBox), m_messageType(new QComboBox), m_messageTypeRow(new QWidget),
      m_message(new FieldMessage(QStringLiteral("produceSchemaMessage")))
{
    m_subject->setObjectName(QStringLiteral("produceSubject"));
    m_subject->setToolTip(tr("The registry subject whose schema encodes the value"));
    m_version->setObjectName(QStringLiteral("produceSchemaVersion"));
    m_version->setRange(-1, 1000000);
    m_version->setSpecialValueText(tr("newest")); // shown at the minimum, -1
    m_version->setValue(-1);
    m_version->setPrefix(tr("version "));
    m_schemaId->setObjectName(QStringLiteral("produceSchemaId"));
    m_schemaId->setRange(-1, 2147483647);
    m_schemaId->setSpecialValueText(tr("or a schema id"));
    m_schemaId->setValue(-1);
    m_schemaId->setPrefix(tr("id "));
    m_schemaId->setToolTip(tr("A schema id overrides the subject and version"));
    m_messageType->setObjectName(QStringLiteral("produceMessageType"));
    m_messageType->setEditable(true);
    // Inline completion would turn a typed "pkg.Reading" into "pkg.Reading.Location".
    m_messageType->setCompleter(nullptr);
    m_messageType->lineEdit()->setPlaceholderText(tr("the schema's first message type"));
    m_messageType->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto *choice = new QHBoxLayout;
    choice->setContentsMargins(0, 0, 0, 0);
    choice->addWidget(m_subject, 3);
    choice->addWidget(m_version, 1);
    choice->addWidget(m_schemaId, 1);
    auto *typeRow = new QHBoxLayout(m_messageTypeRow);
    typeRow->setContentsMargins(0, 0, 0, 0);
    typeRow->addWidget(new QLabel(tr("Message type")));
    typeRow->addWidget(m_messageType);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(choice);
    layout->addWidget(m_messageTypeRow);
    layout->addWidget(m_message);

    connect(m_subject, &QLineEdit::editingFinished, this, &RegistrySchemaPicker::lookUp);
    connect(m_version, &QSpinBox::editingFinished, this, &RegistrySchemaPicker::lookUp);
    connect(m_schemaId, &QSpinBox::editingFinished, this, &RegistrySchemaPicker::lookUp);
    setKind(m_kind);
}

void RegistrySchemaPicker::setKind(DecoderKind kind)
{
    const bool changed = kind != m_kind;
    m_kind = kind;
    m_messageTypeRow->setVisible(kind == DecoderKind::ProtobufRegistry);
    m_message->clear();
    if (changed && kind == DecoderKind::ProtobufRegistry)
        lookUp();
}

void RegistrySchemaPicker::setTopic(const QString &topic)
{
    m_topic = topic;
    m_subject->setPlaceholderText(topic.isEmpty() ? tr("<topic>-value") : topic + QStringLiteral("-value"));
}

QString RegistrySchemaPicker::subject() const
{
    const QString typed = m_subject->text().trimmed();
    return typed.isEmpty() ? m_topic + QStringLiteral("-value") : typed;
}

RegistryEncodeRequest RegistrySchemaPicker::request(const QByteArray &json) const
{
    RegistryEncodeRequest r;
    r.kind = m_kind;
    r.subject = subject();
    r.version = m_version->value();
    r.schemaId = m_schemaId->value();
    r.messageType = m_messageType->currentText().trimmed();
    r.json = json;
    return r;
}

void RegistrySchemaPicker::showResult(const RegistryEncoded &result)
{
    if (result.schemaError.isEmpty())
        m_message->clear();
    else
        m_message->showError(result.schemaError);
    if (m_kind != DecoderKind::ProtobufRegistry || result.messageTypes.isEmpty())
        return;
    // A new list, the typed or picked choice kept.
    const QString current = m_messageType->currentText();
    QStringList old;
    for (int i = 0; i < m_messageType->count(); ++i)
        old.append(m_messageType->itemText(i));
    if (old != result.messageTypes) {
        m_messageType->clear();
        m_messageType->addItems(result.messageTypes);
        m_messageType->setCurrentIndex(-1);
        m_messageType->setEditText(current);
    }
}

QString RegistrySchemaPicker::errorText() const
{
    return m_message->isError() ? m_message->text() : QString();
}

void RegistrySchemaPicker::lookUp()
{
    if (m_kind != DecoderKind::ProtobufRegistry || !m_endpoint.enabled() || (subject() == u"-value" && m_schemaId->value() < 0))
        return;
    const auto client = SchemaRegistryClient::shared(m_endpoint);
    const RegistryEncodeRequest r = request({});
    m_lookup.start(JobRunner::shared(), QStringLiteral("registry schema lookup"),
                   [client, r](JobControl &) { return encodeWithRegistry(*client, r); },
                   [this](const RegistryEncoded &result) { showResult(result); });
}

} // namespace kafkascope
