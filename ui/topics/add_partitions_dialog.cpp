#include "topics/add_partitions_dialog.h"

#include "common/field_message.h"
#include "common/admin_notice.h"
#include "topics/topic_admin.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kafkascope {

AddPartitionsDialog::AddPartitionsDialog(TopicAdmin *admin, const QString &topic, int currentPartitions, QWidget *parent)
    : QDialog(parent), m_admin(admin), m_topic(topic), m_current(currentPartitions), m_total(new QSpinBox),
      m_message(new FieldMessage(QStringLiteral("partitionsMessage"))), m_result(new QLabel)
{
    setObjectName(QStringLiteral("addPartitionsDialog"));
    setWindowTitle(tr("Add partitions to %1").arg(topic));
    m_total->setObjectName(QStringLiteral("partitionsSpin"));
    m_total->setRange(0, 1000000);
    m_total->setValue(currentPartitions + 1);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    auto *form = new QFormLayout;
    auto *current = new QLabel(QString::number(currentPartitions));
    current->setObjectName(QStringLiteral("currentLabel"));
    form->addRow(tr("Topic:"), new QLabel(topic));
    form->addRow(tr("Current partitions:"), current);
    form->addRow(tr("New &total:"), withMessage(m_total, m_message));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_apply = buttons->addButton(tr("&Add partitions"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &AddPartitionsDialog::submit);
    connect(m_total, &QSpinBox::valueChanged, this, [this] { validateInput(); });
    connect(&m_watcher, &QFutureWatcher<AdminResult>::finished, this, [this] {
        m_busy = false;
        m_apply->setEnabled(m_admin->supportsAdmin());
        const AdminResult r = m_watcher.result();
        if (r.ok()) {
            accept();
            return;
        }
        showAdminOutcome(m_result, tr("The broker refused:\n") + r.failureText(), false);
    });

    QVBoxLayout *layout = startAdminLayout(this, *admin, {m_apply});
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(buttons);
    validateInput();
    resize(460, 240);
}

bool AddPartitionsDialog::validateInput()
{
    const int total = m_total->value();
    if (total < m_current) {
        m_message->showError(tr("Kafka cannot remove partitions: a topic's partition count can only grow. To have "
                                "fewer, create a new topic and copy the records over."));
        return false;
    }
    if (total == m_current) {
        m_message->showError(tr("The topic has %n partition(s) already; enter a larger number.", nullptr, m_current));
        return false;
    }
    m_message->showWarning(tr("Adds %n partition(s). Records with the same key will go to a different partition "
                              "from now on, which breaks per-key ordering across the change.", nullptr, total - m_current));
    return true;
}

void AddPartitionsDialog::submit()
{
    if (m_busy || !validateInput())
        return;
    m_busy = true;
    m_apply->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Adding partitions…"));
    m_result->show();
    m_watcher.setFuture(m_admin->createPartitions(m_topic, m_total->value()));
}

QString AddPartitionsDialog::resultText() const
{
    return m_result->isVisibleTo(this) ? m_result->text() : QString();
}

} // namespace kafkascope
