#include "topics/edit_config_dialog.h"

#include "common/admin_notice.h"
#include "common/field_message.h"
#include "topics/topic_admin.h"
#include "topics/topic_validation.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
bool isDuration(const QString &key)
{
    return key.endsWith(u".ms");
}
bool isSize(const QString &key)
{
    return key.endsWith(u".bytes");
}
} // namespace

EditConfigDialog::EditConfigDialog(TopicAdmin *admin, const QString &topic, const ConfigEntry &entry, QWidget *parent)
    : QDialog(parent), m_admin(admin), m_topic(topic), m_entry(entry), m_value(new QLineEdit),
      m_message(new FieldMessage(QStringLiteral("valueMessage"))), m_result(new QLabel)
{
    setObjectName(QStringLiteral("editConfigDialog"));
    setWindowTitle(tr("Edit %1").arg(entry.name));
    m_value->setObjectName(QStringLiteral("valueEdit"));
    bool numeric = false;
    const qint64 n = entry.value.toLongLong(&numeric);
    if (numeric && isDuration(entry.name))
        m_value->setText(topic_validation::formatDurationMs(n));
    else if (numeric && isSize(entry.name) && topic_validation::parseSizeBytes(topic_validation::formatSizeBytes(n)))
        m_value->setText(topic_validation::formatSizeBytes(n));
    else
        m_value->setText(entry.value);
    if (isDuration(entry.name))
        m_value->setPlaceholderText(tr("e.g. 2h, 7d, 30m, 1500ms, unlimited"));
    else if (isSize(entry.name))
        m_value->setPlaceholderText(tr("e.g. 512 MiB, 1 GiB, 1048576, unlimited"));
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Topic:"), new QLabel(topic));
    form->addRow(tr("Config:"), new QLabel(QStringLiteral("<b>%1</b>").arg(entry.name.toHtmlEscaped())));
    form->addRow(tr("Current:"), new QLabel(QStringLiteral("%1 (%2)").arg(entry.hasValue ? entry.value : tr("not set"),
                                                                          displayName(entry.source))));
    form->addRow(tr("&New value:"), withMessage(m_value, m_message));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &EditConfigDialog::submit);
    connect(m_value, &QLineEdit::textChanged, this, [this] { validateInput(); });
    connect(&m_watcher, &QFutureWatcher<AdminResult>::finished, this, [this] {
        m_busy = false;
        m_apply->setEnabled(true);
        const AdminResult r = m_watcher.result();
        if (r.ok()) {
            accept();
            return;
        }
        showAdminOutcome(m_result, tr("The broker refused the change:\n") + r.failureText(), false);
    });

    QVBoxLayout *layout = startAdminLayout(this, *admin, {m_apply});
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(buttons);
    validateInput();
    resize(480, 240);
}

QString EditConfigDialog::kafkaValue() const
{
    const QString text = m_value->text().trimmed();
    if (isDuration(m_entry.name)) {
        const auto v = topic_validation::parseDurationMs(text);
        return v ? QString::number(*v) : QString();
    }
    if (isSize(m_entry.name)) {
        const auto v = topic_validation::parseSizeBytes(text);
        return v ? QString::number(*v) : QString();
    }
    return text;
}

bool EditConfigDialog::validateInput()
{
    if (m_value->text().trimmed().isEmpty()) {
        m_message->showError(tr("Enter a value, or use \"Reset to default\" to remove the override."));
        return false;
    }
    const QString v = kafkaValue();
    if (v.isEmpty()) {
        m_message->showError(isDuration(m_entry.name)
                                 ? tr("\"%1\" is not a duration; write e.g. 90s, 30m, 2h, 7d, a number of milliseconds, or unlimited.").arg(m_value->text())
                                 : tr("\"%1\" is not a size; write e.g. 1024, 64 KiB, 512 MiB, 1 GiB, or unlimited.").arg(m_value->text()));
        return false;
    }
    if (isDuration(m_entry.name) || isSize(m_entry.name))
        m_message->showInfo(tr("Kafka receives %1").arg(QLocale().toString(v.toLongLong())));
    else
        m_message->clear();
    return true;
}

void EditConfigDialog::submit()
{
    if (m_busy || !validateInput() || !m_admin->supportsAdmin())
        return;
    m_busy = true;
    m_apply->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Applying…"));
    m_result->show();
    m_watcher.setFuture(m_admin->alterTopicConfig(m_topic, m_entry.name, kafkaValue()));
}

QString EditConfigDialog::resultText() const
{
    return m_result->isVisibleTo(this) ? m_result->text() : QString();
}

} // namespace kafkascope
