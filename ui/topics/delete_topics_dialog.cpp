#include "topics/delete_topics_dialog.h"
#include "shell/theme.h"

#include "common/admin_notice.h"
#include "topics/topic_admin.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace kafkascope {

DeleteTopicsDialog::DeleteTopicsDialog(TopicAdmin *admin, const QStringList &topics, QWidget *parent)
    : QDialog(parent), m_admin(admin), m_topics(topics), m_confirm(new QLineEdit), m_list(new QListWidget),
      m_status(new QLabel)
{
    setObjectName(QStringLiteral("deleteTopicsDialog"));
    setWindowTitle(topics.size() == 1 ? tr("Delete topic") : tr("Delete %n topics", nullptr, int(topics.size())));
    auto *intro = new QLabel(
        topics.size() == 1
            ? tr("Delete the topic <b>%1</b> and every record in it? This cannot be undone.").arg(topics.first().toHtmlEscaped())
            : tr("Delete these %n topics and every record in them? This cannot be undone.", nullptr, int(topics.size())));
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("topicList"));
    m_list->addItems(topics);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setVisible(topics.size() > 1);
    auto *prompt = new QLabel(topics.size() == 1 ? tr("Type the topic name to confirm:")
                                                 : tr("Type the number of topics (%1) to confirm:").arg(topics.size()));
    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_confirm->setPlaceholderText(expectedConfirmation());
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox;
    m_delete = buttons->addButton(tr("&Delete"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_close = buttons->addButton(QDialogButtonBox::Cancel);
    m_close->setObjectName(QStringLiteral("closeButton"));
    connect(m_close, &QPushButton::clicked, this, [this] { m_done ? accept() : reject(); });
    connect(m_delete, &QPushButton::clicked, this, &DeleteTopicsDialog::submit);
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteTopicsDialog::updateButton);
    connect(m_confirm, &QLineEdit::returnPressed, this, &DeleteTopicsDialog::submit);

    QVBoxLayout *layout = startAdminLayout(this, *admin, {});
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(prompt);
    layout->addWidget(m_confirm);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(&m_watcher, &QFutureWatcher<AdminResult>::finished, this, [this] { showResult(m_watcher.result()); });
    updateButton();
    resize(460, topics.size() > 1 ? 420 : 220);
}

QString DeleteTopicsDialog::expectedConfirmation() const
{
    return m_topics.size() == 1 ? m_topics.first() : QString::number(m_topics.size());
}

void DeleteTopicsDialog::updateButton()
{
    m_delete->setEnabled(!m_busy && !m_done && m_admin->supportsAdmin() && m_confirm->text().trimmed() == expectedConfirmation());
}

void DeleteTopicsDialog::submit()
{
    if (!m_delete->isEnabled())
        return;
    m_busy = true;
    m_confirm->setEnabled(false);
    updateButton();
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Deleting…"));
    m_watcher.setFuture(m_admin->deleteTopics(m_topics));
}

void DeleteTopicsDialog::showResult(const AdminResult &result)
{
    m_busy = false;
    m_list->clear();
    m_list->show();
    int failed = 0;
    if (result.error.isError()) {
        failed = int(m_topics.size());
        for (const QString &t : std::as_const(m_topics))
            m_list->addItem(t + QStringLiteral(" — ") + result.error.text());
    }
    for (const AdminItemResult &item : result.items) {
        auto *row = new QListWidgetItem(item.topic + QStringLiteral(" — ") + (item.ok() ? tr("deleted") : item.error.text()));
        row->setForeground(item.ok() ? QColor(0x2e, 0x7d, 0x32) : Theme::errorColor());
        row->setToolTip(row->text());
        m_list->addItem(row);
        if (item.ok())
            m_deleted << item.topic;
        else
            ++failed;
    }
    if (failed == 0) {
        m_done = true;
        m_status->setStyleSheet(QStringLiteral("color:#2e7d32;"));
        m_status->setText(tr("%n topic(s) deleted.", nullptr, int(m_deleted.size())));
        m_close->setText(tr("Close"));
    } else {
        // Let the user retry (the confirmation stays typed); what was deleted is listed.
        m_status->setStyleSheet(Theme::errorStyleSheet());
        m_status->setText(tr("%1 of %2 topic(s) could not be deleted; see the list.").arg(failed).arg(m_topics.size()));
        m_confirm->setEnabled(true);
        if (!m_deleted.isEmpty()) {
            for (const QString &t : std::as_const(m_deleted))
                m_topics.removeAll(t);
            m_confirm->setText(expectedConfirmation());
        }
    }
    updateButton();
}

QStringList DeleteTopicsDialog::resultLines() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

} // namespace kafkascope
