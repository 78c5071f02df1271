#pragma once
// A record's key and value decoded with its topic's decoders, which are chosen here and
// remembered per cluster and topic: the JSON (with schema id, subject and type) or the
// decode error. Decoding runs as a job (core/jobs); a stale result is dropped.

#include "decoding/decoder_choice.h"
#include "jobs/job_slot.h"
#include "messages/kafka_message.h"
#include "profiles/connection_profile.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSettings;

namespace kafkascope {

class DecoderChoiceStore;
class FieldMessage;

class DecodedView : public QWidget
{
    Q_OBJECT
public:
    DecodedView(const ConnectionProfile &profile, QSettings &settings, QWidget *parent = nullptr);
    ~DecodedView() override;

    void showMessage(const KafkaMessage &message, const QString &topic);
    void clear();
    // The topic's choice (what the combo boxes show) and setting it as the user would.
    TopicDecoding decoding() const;
    void setDecoding(const TopicDecoding &decoding);
    // The choice remembered for a topic of this cluster (what the table and filter decode with).
    TopicDecoding storedDecoding(const QString &topic) const;
    QString text() const;
    QString infoText() const;

signals:
    void decoded(); // the shown text is the current record's
    // The user chose other decoders for `topic` (saved already).
    void decodingChanged(const QString &topic, const kafkascope::TopicDecoding &decoding);

private:
    void decodeCurrent();
    void choiceEdited();
    void showResult(const QString &info, const QString &text, bool error);

    struct Worker;
    ConnectionProfile m_profile;
    std::unique_ptr<DecoderChoiceStore> m_store;
    std::shared_ptr<Worker> m_worker;
    QComboBox *m_keyKind;
    QComboBox *m_valueKind;
    QLineEdit *m_importPath;
    QLineEdit *m_messageType;
    QCheckBox *m_thingsBoard;
    FieldMessage *m_info;
    QPlainTextEdit *m_text;
    KafkaMessage m_message;
    QString m_topic;
    bool m_loading = false;
    JobSlot m_decodeJob{this}; // last member: destroyed first, so no answer reaches a half-gone view
};

} // namespace kafkascope
