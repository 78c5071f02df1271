#include "messages/decoded_view.h"

#include "decoding/decoder_choice_store.h"
#include "decoding/payload_decoder.h"
#include "decoding/schema_registry_client.h"
#include "common/field_message.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMutex>
#include <QPlainTextEdit>
#include <QSettings>

namespace kafkascope {

// The decoder and its compiled schemas, shared with the decode jobs (they may outlive the view).
struct DecodedView::Worker
{
    explicit Worker(std::shared_ptr<SchemaRegistryClient> registry) : decoder(std::move(registry)) {}
    QMutex mutex;
    PayloadDecoder decoder;
};

namespace {

constexpr DecoderKind kKinds[] = {DecoderKind::Auto, DecoderKind::AvroRegistry, DecoderKind::ProtobufRegistry,
                                  DecoderKind::ProtobufFile, DecoderKind::JsonSchemaRegistry, DecoderKind::Json,
                                  DecoderKind::Text, DecoderKind::Hex};

QComboBox *kindCombo(const QString &name)
{
    auto *box = new QComboBox;
    box->setObjectName(name);
    for (DecoderKind k : kKinds)
        box->addItem(decoderKindName(k), int(k));
    return box;
}

QString describe(const DecodedPayload &p, const QString &part)
{
    QStringList bits{part + QStringLiteral(": ") + decoderKindName(p.kind)};
    if (p.schemaId >= 0)
        bits << QObject::tr("schema id %1").arg(p.schemaId);
    if (!p.subject.isEmpty())
        bits << QObject::tr("subject %1").arg(p.subject);
    if (!p.typeName.isEmpty())
        bits << p.typeName;
    if (p.thingsBoard)
        bits << QObject::tr("ThingsBoard %1 from %2").arg(p.record.type, QString::fromStdString(p.record.deviceName()));
    return bits.join(QStringLiteral(" · "));
}

// A plain text view lays out all it holds on the UI thread: a 10 MB record took seconds and a
// gigabyte there. Past this size the decoded text is shown in part; the Value tab (which pages
// lazily) shows the whole record.
constexpr qsizetype kMaxShownBytes = 256 * 1024;

QString shown(const DecodedPayload &p)
{
    if (!p.ok)
        return QObject::tr("Cannot decode: %1").arg(p.error);
    if (qsizetype(p.text.size()) > kMaxShownBytes) {
        QString head = QString::fromUtf8(p.text.data(), kMaxShownBytes);
        if (!head.isEmpty() && head.back() == QChar::ReplacementCharacter)
            head.chop(1); // a character cut in two
        return head + QObject::tr("\n\n… %1 more not shown here (%2 decoded in all); the Value tab shows the whole record.")
                          .arg(QLocale().formattedDataSize(qint64(p.text.size()) - kMaxShownBytes),
                               QLocale().formattedDataSize(qint64(p.text.size())));
    }
    if (p.json) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(p.text));
        if (!doc.isNull())
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    return QString::fromStdString(p.text);
}

} // namespace

DecodedView::DecodedView(const ConnectionProfile &profile, QSettings &settings, QWidget *parent)
    : QWidget(parent), m_profile(profile), m_store(std::make_unique<DecoderChoiceStore>(&settings)),
      m_worker(std::make_shared<Worker>(SchemaRegistryClient::shared(profile.registry))),
      m_keyKind(kindCombo(QStringLiteral("keyDecoder"))), m_valueKind(kindCombo(QStringLiteral("valueDecoder"))),
      m_importPath(new QLineEdit), m_messageType(new QLineEdit), m_thingsBoard(new QCheckBox(tr("ThingsBoard queue envelope"))),
      m_info(new FieldMessage(QStringLiteral("decodedInfo"))), m_text(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("decodedView"));
    m_importPath->setObjectName(QStringLiteral("protoImportPath"));
    m_importPath->setPlaceholderText(tr("folder with the .proto files (import path)"));
    m_messageType->setObjectName(QStringLiteral("protoMessageType"));
    m_messageType->setPlaceholderText(tr("message type, e.g. transport.ToRuleEngineMsg"));
    m_thingsBoard->setObjectName(QStringLiteral("thingsBoardEnvelope"));
    m_thingsBoard->setToolTip(tr("Unwrap ToRuleEngineMsg → TbMsgProto: type, originator, metadata and data"));
    m_text->setObjectName(QStringLiteral("decodedText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *form = new QFormLayout;
    form->addRow(tr("&Value decoder"), m_valueKind);
    form->addRow(tr("&Key decoder"), m_keyKind);
    form->addRow(tr(".proto &folder"), m_importPath);
    form->addRow(tr("Message &type"), m_messageType);
    form->addRow(QString(), m_thingsBoard);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_info);
    layout->addWidget(m_text, 1);

    for (QComboBox *box : {m_keyKind, m_valueKind})
        connect(box, &QComboBox::currentIndexChanged, this, &DecodedView::choiceEdited);
    for (QLineEdit *edit : {m_importPath, m_messageType})
        connect(edit, &QLineEdit::editingFinished, this, &DecodedView::choiceEdited);
    connect(m_thingsBoard, &QCheckBox::toggled, this, &DecodedView::choiceEdited);
    clear();
}

DecodedView::~DecodedView() = default;

TopicDecoding DecodedView::decoding() const
{
    TopicDecoding d;
    d.key.kind = DecoderKind(m_keyKind->currentData().toInt());
    d.value.kind = DecoderKind(m_valueKind->currentData().toInt());
    const QString path = m_importPath->text().trimmed();
    if (!path.isEmpty())
        d.value.protoImportPaths = {path};
    d.value.messageType = m_messageType->text().trimmed();
    d.value.thingsBoardQueue = m_thingsBoard->isChecked();
    return d;
}

void DecodedView::setDecoding(const TopicDecoding &d)
{
    m_loading = true; // a load is not an edit: nothing to save
    m_keyKind->setCurrentIndex(m_keyKind->findData(int(d.key.kind)));
    m_valueKind->setCurrentIndex(m_valueKind->findData(int(d.value.kind)));
    m_importPath->setText(d.value.protoImportPaths.value(0));
    m_messageType->setText(d.value.messageType);
    m_thingsBoard->setChecked(d.value.thingsBoardQueue);
    m_loading = false;
    const bool files = d.value.kind == DecoderKind::ProtobufFile;
    m_importPath->setEnabled(files);
    m_messageType->setEnabled(files);
    m_thingsBoard->setEnabled(files);
}

TopicDecoding DecodedView::storedDecoding(const QString &topic) const
{
    return m_store->load(m_profile.id, topic);
}

QString DecodedView::text() const
{
    return m_text->toPlainText();
}

QString DecodedView::infoText() const
{
    return m_info->text();
}

void DecodedView::clear()
{
    m_decodeJob.cancel(); // a decode still running is for the record no longer shown
    m_message = KafkaMessage{};
    m_info->showInfo(tr("Select a message to see it decoded."));
    m_text->clear();
}

void DecodedView::showMessage(const KafkaMessage &message, const QString &topic)
{
    if (topic != m_topic) {
        m_topic = topic;
        setDecoding(m_store->load(m_profile.id, topic));
    }
    m_message = message;
    decodeCurrent();
}

void DecodedView::choiceEdited()
{
    if (m_loading)
        return;
    setDecoding(decoding()); // enables the .proto fields for the kind
    if (!m_topic.isEmpty()) {
        m_store->save(m_profile.id, m_topic, decoding());
        emit decodingChanged(m_topic, decoding());
    }
    if (m_message.offset >= 0)
        decodeCurrent();
}

void DecodedView::decodeCurrent()
{
    m_info->showInfo(tr("Decoding…"));
    struct Decoded
    {
        QString info, text;
        bool error = false;
    };
    // Registry look-ups may wait on the network: a job, never the UI thread. The slot drops
    // the answer for a record or choice that is no longer shown, and any answer after close.
    m_decodeJob.start(
        JobRunner::shared(), QStringLiteral("decode record"),
        [worker = m_worker, message = m_message, choice = decoding()](JobControl &) {
            QMutexLocker lock(&worker->mutex);
            DecodedPayload value, key;
            worker->decoder.decode(std::string_view(message.value.constData(), size_t(message.value.size())),
                                   choice.value, &value);
            worker->decoder.decode(std::string_view(message.key.constData(), size_t(message.key.size())),
                                   choice.key, &key);
            lock.unlock();
            Decoded d;
            d.info = describe(value, QObject::tr("Value")) + QStringLiteral("\n") + describe(key, QObject::tr("Key"));
            d.text = message.valueNull ? QObject::tr("(null value)") : shown(value);
            if (!message.keyNull && !message.key.isEmpty())
                d.text += QStringLiteral("\n— key —\n") + shown(key);
            d.error = !value.ok && !message.valueNull;
            return d;
        },
        [this](const Decoded &d) { showResult(d.info, d.text, d.error); });
}

void DecodedView::showResult(const QString &info, const QString &text, bool error)
{
    if (error)
        m_info->showError(info);
    else
        m_info->showInfo(info);
    m_text->setPlainText(text);
    emit decoded();
}

} // namespace kafkascope
