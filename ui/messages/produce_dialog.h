#pragma once
// Sends messages to a topic: key, value (text, JSON checked before sending, or a file's bytes),
// headers, a partition or by key, N copies; or every line of a JSON Lines file. A JSON value
// can be encoded with a registry schema (Avro, Protobuf, JSON Schema; registry framing) first.
// Stays open with its input after each send and says exactly what was acknowledged.

#include "jobs/job_slot.h"

#include <QDialog>
#include <atomic>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class FilePathEdit;
class KeyValueTable;

namespace kafkascope {

class ClusterSession;
class FieldMessage;
class RegistrySchemaPicker;
struct OutgoingMessage;
struct ProduceReport;
struct RegistryEncoded;

class ProduceDialog : public QDialog
{
    Q_OBJECT
public:
    ProduceDialog(ClusterSession *session, const QString &topic, QWidget *parent = nullptr);
    ~ProduceDialog() override;
    void send();
    bool busy() const { return m_busy; }
    QString resultText() const;
    QString valueError() const; // what is wrong with the value typed, beside it

private:
    void updateMode();
    void finished(const ProduceReport &report);
    void fail(const QString &why);
    // Encodes the JSON value with the chosen registry schema off the UI thread, then sends.
    void encodeThenSend(const OutgoingMessage &message, const QString &topic);
    void encoded(const RegistryEncoded &result, OutgoingMessage message, const QString &topic);
    void setBusy(bool busy);
    int registryFormat() const; // the value format's registry kind, -1 when none
    void sendMessage(const OutgoingMessage &message, const QString &topic);
    // `job` runs on the job's thread and must not touch the dialog.
    void startJob(const std::function<ProduceReport(const std::atomic_bool *cancel)> &job);

    ClusterSession *m_session;
    QComboBox *m_topic;
    QComboBox *m_source;
    QComboBox *m_partition;
    QLineEdit *m_key;
    QComboBox *m_format;
    QPlainTextEdit *m_value;
    FieldMessage *m_valueMessage;
    QWidget *m_valueRow;
    RegistrySchemaPicker *m_schema;
    FilePathEdit *m_valueFile;
    FilePathEdit *m_linesFile;
    KeyValueTable *m_headers;
    QSpinBox *m_copies;
    QLabel *m_result;
    QPushButton *m_send;
    bool m_busy = false;
    bool m_encoding = false; // busy with the registry encoding, nothing handed to Kafka yet
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    JobSlot m_job{this}; // destroyed first: closing never waits for the send
};

} // namespace kafkascope
