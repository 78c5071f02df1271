#include "topics/create_topic_dialog.h"

#include "common/field_message.h"
#include "common/human_value_edit.h"
#include "key_value_table.h"
#include "common/admin_notice.h"
#include "topics/topic_admin.h"
#include "topics/topic_validation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
// Common settings shown as editors; the free table must not repeat them.
const QStringList kCommonKeys{QStringLiteral("retention.ms"), QStringLiteral("retention.bytes"),
                              QStringLiteral("cleanup.policy"), QStringLiteral("min.insync.replicas"),
                              QStringLiteral("compression.type"), QStringLiteral("max.message.bytes")};
} // namespace

CreateTopicDialog::CreateTopicDialog(TopicAdmin *admin, int brokerCount, const QStringList &existingTopics, QWidget *parent)
    : QDialog(parent), m_admin(admin), m_brokerCount(brokerCount), m_existing(existingTopics),
      m_name(new QLineEdit), m_partitions(new QSpinBox), m_replication(new QSpinBox),
      m_retentionMs(new HumanValueEdit(HumanValueEdit::Kind::Duration)),
      m_retentionBytes(new HumanValueEdit(HumanValueEdit::Kind::Size)), m_cleanup(new QComboBox),
      m_minIsr(new QSpinBox), m_compression(new QComboBox), m_maxMessage(new HumanValueEdit(HumanValueEdit::Kind::Size)),
      m_extra(new KeyValueTable(tr("Config"), tr("Value"))),
      m_nameMsg(new FieldMessage(QStringLiteral("nameMessage"))),
      m_partitionsMsg(new FieldMessage(QStringLiteral("partitionsMessage"))),
      m_replicationMsg(new FieldMessage(QStringLiteral("replicationFactorMessage"))),
      m_retentionMsMsg(new FieldMessage(QStringLiteral("retentionMsMessage"))),
      m_retentionBytesMsg(new FieldMessage(QStringLiteral("retentionBytesMessage"))),
      m_minIsrMsg(new FieldMessage(QStringLiteral("minIsrMessage"))),
      m_maxMessageMsg(new FieldMessage(QStringLiteral("maxMessageBytesMessage"))),
      m_configsMsg(new FieldMessage(QStringLiteral("configsMessage"))), m_result(new QLabel)
{
    setWindowTitle(tr("Create topic"));
    setObjectName(QStringLiteral("createTopicDialog"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. tb.telemetry.gateway-7"));
    m_name->setMaxLength(400); // longer than Kafka allows, so the length message can show
    m_partitions->setObjectName(QStringLiteral("partitionsSpin"));
    // Below-minimum values are accepted as typed so the field can say why they are wrong: a
    // spin box limited to 0.. would drop the '-' of "-1" and show (and send) 1.
    m_partitions->setRange(-100000, 100000);
    m_partitions->setValue(std::max(1, brokerCount) * 3);
    m_replication->setObjectName(QStringLiteral("replicationSpin"));
    m_replication->setRange(-32767, 32767);
    m_replication->setValue(std::clamp(brokerCount, 1, 3));
    m_retentionMs->setObjectName(QStringLiteral("retentionMsEdit"));
    m_retentionBytes->setObjectName(QStringLiteral("retentionBytesEdit"));
    m_maxMessage->setObjectName(QStringLiteral("maxMessageBytesEdit"));
    m_cleanup->setObjectName(QStringLiteral("cleanupCombo"));
    m_cleanup->addItem(tr("broker default"), QString());
    for (const char16_t *p : {u"delete", u"compact", u"compact,delete"})
        m_cleanup->addItem(QString::fromUtf16(p), QString::fromUtf16(p));
    m_minIsr->setObjectName(QStringLiteral("minIsrSpin"));
    m_minIsr->setRange(0, 32767);
    m_minIsr->setSpecialValueText(tr("broker default"));
    m_compression->setObjectName(QStringLiteral("compressionCombo"));
    m_compression->addItem(tr("broker default"), QString());
    for (const char16_t *c : {u"producer", u"uncompressed", u"gzip", u"snappy", u"lz4", u"zstd"})
        m_compression->addItem(QString::fromUtf16(c), QString::fromUtf16(c));
    m_extra->setObjectName(QStringLiteral("extraConfigs"));
    m_extra->table()->setMinimumHeight(90);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), withMessage(m_name, m_nameMsg));
    form->addRow(tr("&Partitions:"), withMessage(m_partitions, m_partitionsMsg));
    form->addRow(tr("&Replication factor:"), withMessage(m_replication, m_replicationMsg));
    if (brokerCount > 0)
        m_replication->setToolTip(tr("The cluster has %n broker(s).", nullptr, brokerCount));

    auto *common = new QGroupBox(tr("Common settings (blank: inherit the broker's default)"));
    auto *commonForm = new QFormLayout(common);
    commonForm->addRow(tr("Retention time:"), withMessage(m_retentionMs, m_retentionMsMsg));
    commonForm->addRow(tr("Retention size (per partition):"), withMessage(m_retentionBytes, m_retentionBytesMsg));
    commonForm->addRow(tr("Cleanup policy:"), m_cleanup);
    commonForm->addRow(tr("Min. in-sync replicas:"), withMessage(m_minIsr, m_minIsrMsg));
    commonForm->addRow(tr("Compression:"), m_compression);
    commonForm->addRow(tr("Max. message size:"), withMessage(m_maxMessage, m_maxMessageMsg));
    for (HumanValueEdit *e : {m_retentionMs, m_retentionBytes, m_maxMessage})
        e->setToolTip(e->kind() == HumanValueEdit::Kind::Duration ? tr("Kafka stores milliseconds") : tr("Kafka stores bytes"));

    auto *other = new QGroupBox(tr("Other configs"));
    auto *otherLayout = new QVBoxLayout(other);
    otherLayout->addWidget(m_extra);
    otherLayout->addWidget(m_configsMsg);

    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setTextFormat(Qt::PlainText);
    m_result->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_validate = buttons->addButton(tr("&Validate only"), QDialogButtonBox::ActionRole);
    m_validate->setObjectName(QStringLiteral("validateButton"));
    m_validate->setToolTip(tr("Ask the broker whether it would create this topic, without creating it."));
    m_create = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_validate, &QPushButton::clicked, this, [this] { submit(true); });
    connect(m_create, &QPushButton::clicked, this, [this] { submit(false); });

    QVBoxLayout *layout = startAdminLayout(this, *admin, {m_validate, m_create});
    layout->addLayout(form);
    layout->addWidget(common);
    layout->addWidget(other, 1);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(560, 680);

    // Field messages follow the typing; the broker's last answer no longer applies.
    connect(m_name, &QLineEdit::textChanged, this, [this] { validateInput(); });
    // The editor inside, not QSpinBox::textChanged: that one stays silent for "-" or nothing,
    // which would leave the previous verdict standing beside them.
    for (QSpinBox *spin : {m_partitions, m_replication, m_minIsr})
        if (auto *edit = spin->findChild<QLineEdit *>())
            connect(edit, &QLineEdit::textChanged, this, [this] { validateInput(); });
    // The name's message line keeps its room: a message coming and going must not move the form.
    m_nameMsg->setReservedLines(2);
    for (HumanValueEdit *e : {m_retentionMs, m_retentionBytes, m_maxMessage})
        connect(e, &QLineEdit::textChanged, this, [this] { validateInput(); });
    connect(&m_watcher, &QFutureWatcher<AdminResult>::finished, this, [this] {
        setBusy(false);
        showResult(m_watcher.result(), m_pendingValidateOnly);
    });
}

QList<QPair<QString, QString>> CreateTopicDialog::collectConfigs() const
{
    QList<QPair<QString, QString>> configs;
    if (auto v = m_retentionMs->value())
        configs.append({QStringLiteral("retention.ms"), QString::number(*v)});
    if (auto v = m_retentionBytes->value())
        configs.append({QStringLiteral("retention.bytes"), QString::number(*v)});
    if (const QString c = m_cleanup->currentData().toString(); !c.isEmpty())
        configs.append({QStringLiteral("cleanup.policy"), c});
    if (m_minIsr->value() > 0)
        configs.append({QStringLiteral("min.insync.replicas"), QString::number(m_minIsr->value())});
    if (const QString c = m_compression->currentData().toString(); !c.isEmpty())
        configs.append({QStringLiteral("compression.type"), c});
    if (auto v = m_maxMessage->value())
        configs.append({QStringLiteral("max.message.bytes"), QString::number(*v)});
    configs.append(m_extra->pairs());
    return configs;
}

NewTopicSpec CreateTopicDialog::spec() const
{
    return {m_name->text().trimmed(), m_partitions->value(), m_replication->value(), collectConfigs()};
}

bool CreateTopicDialog::validateInput()
{
    const NewTopicSpec s = spec();
    const QList<FieldIssue> issues =
        topic_validation::validateNewTopic(s.name, s.partitions, s.replicationFactor, s.configs, m_brokerCount, m_existing);
    bool ok = !topic_validation::hasErrors(issues);
    const QList<QPair<QString, FieldMessage *>> fields{{QStringLiteral("name"), m_nameMsg},
                                                       {QStringLiteral("partitions"), m_partitionsMsg},
                                                       {QStringLiteral("replicationFactor"), m_replicationMsg},
                                                       {QStringLiteral("configs"), m_configsMsg}};
    for (const auto &[field, label] : fields) {
        QStringList errors, warnings;
        for (const FieldIssue &i : issues)
            if (i.field == field)
                (i.warning ? warnings : errors) << i.message;
        if (!errors.isEmpty())
            label->showError(errors.join(u'\n'));
        else if (!warnings.isEmpty())
            label->showWarning(warnings.join(u'\n'));
        else
            label->clear();
    }
    // A spin box whose text is no number ("-", nothing) still holds its last value: that value
    // was not typed and must not be sent.
    for (const auto &[spin, label] : {std::pair{m_partitions, m_partitionsMsg}, std::pair{m_replication, m_replicationMsg}}) {
        bool number = false;
        const int typed = spin->cleanText().toInt(&number);
        if (!number || typed != spin->value()) {
            label->showError(tr("Type a whole number."));
            ok = false;
        }
    }
    for (const auto &[edit, label] : {std::pair{m_retentionMs, m_retentionMsMsg}, std::pair{m_retentionBytes, m_retentionBytesMsg},
                                      std::pair{m_maxMessage, m_maxMessageMsg}}) {
        if (const QString e = edit->error(); !e.isEmpty()) {
            label->showError(e);
            ok = false;
        } else {
            label->showInfo(edit->interpretation());
        }
    }
    // The free table must not silently contradict an editor above.
    QStringList duplicated;
    for (const auto &[key, value] : m_extra->pairs())
        if (kCommonKeys.contains(key))
            duplicated << key;
    if (!duplicated.isEmpty()) {
        m_configsMsg->showError(tr("Set %1 with the editor above, not in this table.").arg(duplicated.join(QStringLiteral(", "))));
        ok = false;
    }
    if (m_minIsr->value() > s.replicationFactor && s.replicationFactor > 0)
        m_minIsrMsg->showWarning(tr("Larger than the replication factor: producers using acks=all will always fail."));
    else
        m_minIsrMsg->clear();
    return ok;
}

void CreateTopicDialog::submit(bool validateOnly)
{
    if (m_busy)
        return;
    m_result->hide();
    if (!validateInput())
        return; // nothing is sent; the messages next to the fields say why
    m_pendingValidateOnly = validateOnly;
    setBusy(true);
    m_result->setStyleSheet(QString());
    m_result->setText(validateOnly ? tr("Asking the broker to validate…") : tr("Creating…"));
    m_result->show();
    m_watcher.setFuture(m_admin->createTopic(spec(), validateOnly));
}

void CreateTopicDialog::showResult(const AdminResult &result, bool validateOnly)
{
    if (result.ok()) {
        if (!validateOnly) {
            m_created = spec().name;
            accept();
            return;
        }
        showAdminOutcome(m_result,
                         tr("Validation passed: the broker would create \"%1\" with %n partition(s).", nullptr,
                            m_partitions->value())
                             .arg(spec().name),
                         true);
    } else {
        showAdminOutcome(m_result,
                         (validateOnly ? tr("The broker would refuse this topic:\n")
                                       : tr("The broker refused to create the topic:\n"))
                             + result.failureText(),
                         false);
    }
    m_result->show();
    // A wrapped label does not claim its height from a full layout by itself; the
    // broker's words must never be clipped.
    m_result->setMinimumHeight(m_result->heightForWidth(std::max(m_result->width(), width() - 40)));
    layout()->activate();
    if (const int need = layout()->totalMinimumSize().height(); need > height())
        resize(width(), need);
}

void CreateTopicDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_validate->setEnabled(!busy && m_admin->supportsAdmin());
    m_create->setEnabled(!busy && m_admin->supportsAdmin());
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

QString CreateTopicDialog::resultText() const
{
    return m_result->isVisibleTo(this) ? m_result->text() : QString();
}

} // namespace kafkascope
