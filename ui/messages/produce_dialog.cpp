#include "messages/produce_dialog.h"
#include "shell/theme.h"

#include "cluster/cluster_session.h"
#include "file_path_edit.h"
#include "key_value_table.h"
#include "messages/message_producer.h"
#include "messages/message_transfer.h"
#include "common/field_message.h"
#include "decoding/registry_encoder.h"
#include "decoding/schema_registry_client.h"
#include "messages/registry_schema_picker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace kafkascope {

ProduceDialog::ProduceDialog(ClusterSession *session, const QString &topic, QWidget *parent)
    : QDialog(parent), m_session(session), m_topic(new QComboBox), m_source(new QComboBox),
      m_partition(new QComboBox), m_key(new QLineEdit), m_format(new QComboBox), m_value(new QPlainTextEdit),
      m_valueMessage(new FieldMessage(QStringLiteral("produceValueMessage"))),
      m_schema(new RegistrySchemaPicker(session->profile().registry)),
      m_valueFile(new FilePathEdit(tr("Value from file"))),
      m_linesFile(new FilePathEdit(tr("JSON Lines file"), tr("JSON Lines (*.jsonl *.json);;All files (*)"))),
      m_headers(new KeyValueTable(tr("Header"), tr("Value"))), m_copies(new QSpinBox), m_result(new QLabel),
      m_send(new QPushButton(tr("Send")))
{
    setWindowTitle(tr("Produce to %1").arg(session->profile().name));
    setObjectName(QStringLiteral("produceDialog"));
    m_topic->setObjectName(QStringLiteral("produceTopic"));
    m_topic->setEditable(true);
    for (const TopicInfo &t : session->snapshot().topics)
        if (!t.internal())
            m_topic->addItem(t.name);
    m_topic->setCurrentText(topic);
    m_source->setObjectName(QStringLiteral("produceSource"));
    m_source->addItems({tr("This message"), tr("Every line of a JSON Lines file")});
    m_partition->setObjectName(QStringLiteral("producePartition"));
    m_key->setObjectName(QStringLiteral("produceKey"));
    m_format->setObjectName(QStringLiteral("produceFormat"));
    m_format->addItems({tr("Text"), tr("JSON (checked)"), tr("File"), tr("JSON → Avro (registry schema)"),
                        tr("JSON → Protobuf (registry schema)"), tr("JSON → JSON Schema (registry schema)")});
    m_schema->setObjectName(QStringLiteral("produceSchema"));
    m_schema->setTopic(topic);
    m_value->setObjectName(QStringLiteral("produceValue"));
    m_valueFile->setObjectName(QStringLiteral("produceValueFile"));
    m_linesFile->setObjectName(QStringLiteral("produceLinesFile"));
    m_copies->setObjectName(QStringLiteral("produceCopies"));
    m_copies->setRange(1, 10000000);
    m_result->setObjectName(QStringLiteral("produceResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);

    auto fillPartitions = [this] {
        m_partition->clear();
        m_partition->addItem(tr("By key"), -1);
        if (const TopicInfo *t = m_session->snapshot().topic(m_topic->currentText()))
            for (const PartitionInfo &p : t->partitions)
                m_partition->addItem(tr("Partition %1").arg(p.id), p.id);
    };
    fillPartitions();
    connect(m_topic, &QComboBox::currentTextChanged, this, fillPartitions);
    connect(m_topic, &QComboBox::currentTextChanged, m_schema, &RegistrySchemaPicker::setTopic);
    // Editing the value clears what was said about the previous one.
    connect(m_value, &QPlainTextEdit::textChanged, m_valueMessage, &FieldMessage::clear);
    connect(m_source, &QComboBox::currentIndexChanged, this, &ProduceDialog::updateMode);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ProduceDialog::updateMode);

    auto *form = new QFormLayout;
    form->addRow(tr("Topic"), m_topic);
    form->addRow(tr("Send"), m_source);
    form->addRow(tr("JSON Lines file"), m_linesFile);
    form->addRow(tr("Partition"), m_partition);
    form->addRow(tr("Key"), m_key);
    form->addRow(tr("Value"), m_format);
    m_valueRow = withMessage(m_value, m_valueMessage);
    form->addRow(QString(), m_valueRow);
    form->addRow(tr("Value file"), m_valueFile);
    form->addRow(tr("Schema"), m_schema);
    form->addRow(tr("Headers"), m_headers);
    form->addRow(tr("Copies"), m_copies);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &ProduceDialog::send);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    updateMode();
    resize(640, 560);
}

ProduceDialog::~ProduceDialog()
{
    *m_cancel = true; // the job winds down by itself; m_job drops its report
}

void ProduceDialog::updateMode()
{
    const bool lines = m_source->currentIndex() == 1;
    const bool file = m_format->currentIndex() == 2;
    auto *form = static_cast<QFormLayout *>(layout()->itemAt(0)->layout());
    form->setRowVisible(m_linesFile, lines);
    form->setRowVisible(m_key, !lines);
    form->setRowVisible(m_format, !lines);
    form->setRowVisible(m_valueRow, !lines && !file);
    form->setRowVisible(m_valueFile, !lines && file);
    form->setRowVisible(m_schema, !lines && registryFormat() >= 0);
    if (registryFormat() >= 0)
        m_schema->setKind(DecoderKind(registryFormat()));
    m_valueMessage->clear();
    form->setRowVisible(m_headers, !lines);
    form->setRowVisible(m_copies, !lines);
    form->setRowVisible(m_partition, !lines);
}

QString ProduceDialog::resultText() const
{
    return m_result->text();
}

QString ProduceDialog::valueError() const
{
    return m_valueMessage->isError() ? m_valueMessage->text() : QString();
}

int ProduceDialog::registryFormat() const
{
    switch (m_format->currentIndex()) {
    case 3: return int(DecoderKind::AvroRegistry);
    case 4: return int(DecoderKind::ProtobufRegistry);
    case 5: return int(DecoderKind::JsonSchemaRegistry);
    default: return -1;
    }
}

void ProduceDialog::fail(const QString &why)
{
    m_result->setStyleSheet(Theme::errorStyleSheet());
    m_result->setText(why);
}

void ProduceDialog::send()
{
    if (m_busy) {
        if (m_encoding) { // nothing sent yet: drop the encoding
            m_job.cancel();
            m_encoding = false;
            setBusy(false);
            m_result->setText(tr("Cancelled: nothing sent."));
        } else {
            *m_cancel = true; // the send winds down and reports what was acknowledged
        }
        return;
    }
    m_valueMessage->clear();
    const QString topic = m_topic->currentText().trimmed();
    if (topic.isEmpty())
        return fail(tr("Choose a topic."));
    if (m_source->currentIndex() == 1) {
        const QString path = m_linesFile->path();
        if (!QFile::exists(path))
            return fail(tr("The JSON Lines file “%1” does not exist.").arg(path));
        const ConnectionProfile profile = m_session->profile();
        return startJob([path, profile, topic](const std::atomic_bool *cancel) {
            return MessageTransfer::importFile(path, profile, topic, false, cancel);
        });
    }
    OutgoingMessage m;
    m.key = m_key->text().toUtf8();
    m.keyNull = m_key->text().isEmpty();
    if (m_format->currentIndex() == 2) {
        QFile f(m_valueFile->path());
        if (!f.open(QIODevice::ReadOnly))
            return fail(tr("Cannot read the value file “%1”: %2").arg(m_valueFile->path(), f.errorString()));
        m.value = f.readAll();
    } else {
        m.value = m_value->toPlainText().toUtf8();
        if (m_format->currentIndex() == 1 || registryFormat() >= 0) {
            QJsonParseError pe;
            QJsonDocument::fromJson(m.value, &pe);
            if (pe.error != QJsonParseError::NoError) {
                m_valueMessage->showError(tr("The value is not valid JSON: %1 at character %2").arg(pe.errorString()).arg(pe.offset + 1));
                return fail(tr("Nothing sent: the value needs fixing."));
            }
        }
    }
    for (const auto &[k, v] : m_headers->pairs())
        m.headers.append({k.toUtf8(), v.toUtf8(), false});
    m.partition = m_partition->currentData().toInt();
    if (registryFormat() >= 0)
        encodeThenSend(m, topic);
    else
        sendMessage(m, topic);
}

void ProduceDialog::encodeThenSend(const OutgoingMessage &message, const QString &topic)
{
    const auto client = SchemaRegistryClient::shared(m_session->profile().registry);
    if (!client)
        return fail(tr("No Schema Registry is set for this cluster: add its URL in the connection's settings."));
    const RegistryEncodeRequest request = m_schema->request(message.value);
    setBusy(true);
    m_encoding = true;
    m_result->setText(tr("Encoding with the registry's schema…"));
    // Runs on the job's thread: the registry client blocks there, never here.
    m_job.start(JobRunner::shared(), QStringLiteral("encode for produce"),
                [client, request](JobControl &) { return encodeWithRegistry(*client, request); },
                [this, message, topic](const RegistryEncoded &result) { encoded(result, message, topic); });
}

void ProduceDialog::encoded(const RegistryEncoded &result, OutgoingMessage message, const QString &topic)
{
    setBusy(false);
    m_encoding = false;
    m_schema->showResult(result);
    if (!result.valueError.isEmpty())
        m_valueMessage->showError(result.valueError);
    if (!result.ok())
        return fail(result.schemaError.isEmpty() ? tr("Nothing sent: the value needs fixing.")
                                                 : tr("Nothing sent: the schema could not be used."));
    message.value = result.bytes;
    sendMessage(message, topic);
}

void ProduceDialog::sendMessage(const OutgoingMessage &m, const QString &topic)
{
    const ConnectionProfile profile = m_session->profile();
    const qint64 copies = m_copies->value();
    // Runs on the job's thread: it must not touch the dialog.
    startJob([m, copies, profile, topic](const std::atomic_bool *cancel) {
        MessageProducer producer(profile);
        qint64 left = copies;
        return producer.produce(topic, [&](OutgoingMessage *out, QString *) {
            if (left-- <= 0)
                return false;
            *out = m;
            return true;
        }, {}, cancel);
    });
}

void ProduceDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Cancel") : tr("Send"));
    m_result->setStyleSheet({});
}

void ProduceDialog::startJob(const std::function<ProduceReport(const std::atomic_bool *)> &job)
{
    setBusy(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_result->setText(tr("Sending…"));
    m_job.start(JobRunner::shared(), QStringLiteral("produce"),
                [job, cancel = m_cancel](JobControl &) { return job(cancel.get()); },
                [this](const ProduceReport &report) { finished(report); });
}

void ProduceDialog::finished(const ProduceReport &report)
{
    setBusy(false);
    QString text = report.summary();
    if (report.ok() && report.delivered.size() == 1)
        text += tr(" — written to partition %1 at offset %2").arg(report.delivered.first().first).arg(report.delivered.first().second);
    m_result->setStyleSheet(report.ok() ? QString() : Theme::errorStyleSheet());
    m_result->setText(text);
}

} // namespace kafkascope
