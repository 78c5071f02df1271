#pragma once
// The produce dialog's choice of a registry schema to encode with: a subject and version (the
// newest by default) or a schema id, and for Protobuf the message type, whose list is looked up
// (off the UI thread) when the schema choice changes. The schema's errors show underneath.

#include "decoding/decoder_choice.h"
#include "decoding/registry_encoder.h"
#include "jobs/job_slot.h"
#include "profiles/connection_profile.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace kafkascope {

class FieldMessage;

class RegistrySchemaPicker : public QWidget
{
    Q_OBJECT
public:
    explicit RegistrySchemaPicker(RegistryEndpoint endpoint, QWidget *parent = nullptr);

    // Which encoding the dialog's value format asks for (the message type row is Protobuf's).
    void setKind(DecoderKind kind);
    // The subject used when none is typed ("<topic>-value").
    void setTopic(const QString &topic);
    RegistryEncodeRequest request(const QByteArray &json) const;
    // After an encoding: the schema's error (or none) and its message types.
    void showResult(const RegistryEncoded &result);
    QString errorText() const;

private:
    void lookUp(); // fills the message type list for the current choice
    QString subject() const;

    const RegistryEndpoint m_endpoint;
    DecoderKind m_kind = DecoderKind::AvroRegistry;
    QString m_topic;
    QLineEdit *m_subject;
    QSpinBox *m_version;
    QSpinBox *m_schemaId;
    QComboBox *m_messageType;
    QWidget *m_messageTypeRow;
    FieldMessage *m_message;
    JobSlot m_lookup{this};
};

} // namespace kafkascope
