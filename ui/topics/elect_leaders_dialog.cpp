#include "topics/elect_leaders_dialog.h"

#include "common/admin_notice.h"
#include "topics/topic_admin.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kafkascope {

ElectLeadersDialog::ElectLeadersDialog(TopicAdmin *admin, const TopicInfo &topic, QWidget *parent)
    : QDialog(parent), m_admin(admin), m_topic(topic), m_table(new QTableWidget),
      m_confirm(new QCheckBox(
          tr("Move leadership back to the preferred replicas (clients reconnect to new leaders)."))),
      m_result(new QLabel)
{
    setObjectName(QStringLiteral("electLeadersDialog"));
    setWindowTitle(tr("Elect preferred leaders of %1").arg(topic.name));
    auto *intro = new QLabel(
        tr("Each partition's preferred leader is the first replica in its replica list. Kafka "
           "elects it leader where it is in sync and does not lead already."));
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("electionTable"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels(
        {tr("Partition"), tr("Leader"), tr("Preferred leader"), tr("Result")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setRowCount(int(topic.partitions.size()));
    for (int r = 0; r < topic.partitions.size(); ++r) {
        const PartitionInfo &p = topic.partitions[r];
        const QString preferred =
            p.replicas.isEmpty() ? tr("unknown") : QString::number(p.replicas.first());
        const QStringList cells{QString::number(p.id),
                                p.leader < 0 ? tr("none") : QString::number(p.leader), preferred,
                                QString()};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_confirm->setObjectName(QStringLiteral("confirmCheck"));
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_elect = buttons->addButton(tr("&Elect"), QDialogButtonBox::ActionRole);
    m_elect->setObjectName(QStringLiteral("electButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_elect, &QPushButton::clicked, this, &ElectLeadersDialog::submit);
    auto updateEnabled = [this] {
        m_elect->setEnabled(!m_busy && m_confirm->isChecked() && m_admin->supportsAdmin() &&
                            !m_topic.partitions.isEmpty());
    };
    connect(m_confirm, &QCheckBox::toggled, this, updateEnabled);
    connect(&m_watcher, &QFutureWatcher<AdminResult>::finished, this, [this, updateEnabled] {
        m_busy = false;
        updateEnabled();
        showResult(m_watcher.result());
    });

    QVBoxLayout *layout = startAdminLayout(this, *admin, {});
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_confirm);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    updateEnabled();
    resize(560, 420);
}

void ElectLeadersDialog::submit()
{
    if (m_busy || !m_elect->isEnabled())
        return;
    QList<int> partitions;
    for (const PartitionInfo &p : std::as_const(m_topic.partitions))
        partitions << p.id;
    m_busy = true;
    m_elect->setEnabled(false);
    for (int r = 0; r < m_table->rowCount(); ++r)
        m_table->item(r, ResultCol)->setText(QString());
    showAdminOutcome(m_result, tr("Electing preferred leaders…"), true);
    m_result->show();
    m_watcher.setFuture(m_admin->electPreferredLeaders(m_topic.name, partitions));
}

QString ElectLeadersDialog::outcomeText(const AdminItemResult &item)
{
    if (item.ok())
        return tr("elected: the preferred replica leads now");
    if (item.error.code == u"ELECTION_NOT_NEEDED")
        return tr("not needed: the preferred replica leads already (ELECTION_NOT_NEEDED)");
    return item.error.text();
}

void ElectLeadersDialog::showResult(const AdminResult &result)
{
    int elected = 0, notNeeded = 0, failed = 0;
    for (const AdminItemResult &item : result.items) {
        if (item.ok())
            ++elected;
        else if (item.error.code == u"ELECTION_NOT_NEEDED")
            ++notNeeded;
        else
            ++failed;
        for (int r = 0; r < m_topic.partitions.size(); ++r) {
            if (m_topic.partitions[r].id != item.partition)
                continue;
            QTableWidgetItem *cell = m_table->item(r, ResultCol);
            cell->setText(outcomeText(item));
            cell->setToolTip(cell->text());
        }
    }
    if (result.error.isError()) {
        showAdminOutcome(m_result, tr("The election failed:\n") + result.error.text(), false);
        return;
    }
    showAdminOutcome(m_result,
                     tr("Answered for %1 partition(s): %2 elected, %3 not needed, %4 failed.")
                         .arg(result.items.size())
                         .arg(elected)
                         .arg(notNeeded)
                         .arg(failed),
                     failed == 0);
}

QString ElectLeadersDialog::partitionResult(int partition) const
{
    for (int r = 0; r < m_topic.partitions.size(); ++r)
        if (m_topic.partitions[r].id == partition)
            return m_table->item(r, ResultCol)->text();
    return {};
}

QString ElectLeadersDialog::resultText() const
{
    return m_result->isVisibleTo(this) ? m_result->text() : QString();
}

} // namespace kafkascope
