#include "topics/purge_dialog.h"
#include "shell/theme.h"

#include "common/admin_notice.h"
#include "common/field_message.h"
#include "topics/topic_admin.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kafkascope {

PurgeDialog::PurgeDialog(TopicAdmin *admin, const QString &topic, const QList<int> &partitions, QWidget *parent)
    : QDialog(parent), m_admin(admin), m_topic(topic), m_partitions(partitions), m_table(new QTableWidget),
      m_all(new QCheckBox(tr("All partitions"))), m_allRecords(new QRadioButton(tr("Delete &all records"))),
      m_beforeOffset(new QRadioButton(tr("Delete records before &offset:"))),
      m_beforeTime(new QRadioButton(tr("Delete records older than &timestamp:"))), m_offset(new QLineEdit),
      m_time(new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1))),
      m_confirm(new QCheckBox(tr("I understand that the records are deleted permanently."))),
      m_partitionsMsg(new FieldMessage(QStringLiteral("partitionsMessage"))),
      m_offsetMsg(new FieldMessage(QStringLiteral("offsetMessage"))), m_result(new QLabel)
{
    setObjectName(QStringLiteral("purgeDialog"));
    setWindowTitle(tr("Purge records from %1").arg(topic));
    m_table->setObjectName(QStringLiteral("partitionTable"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Low"), tr("High"), tr("Records"), tr("Result")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setRowCount(int(partitions.size()));
    for (int r = 0; r < partitions.size(); ++r) {
        auto *item = new QTableWidgetItem(QString::number(partitions[r]));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        m_table->setItem(r, PartitionCol, item);
        for (int c = LowCol; c <= ResultCol; ++c)
            m_table->setItem(r, c, new QTableWidgetItem(c == ResultCol ? QString() : QStringLiteral("…")));
    }
    m_all->setObjectName(QStringLiteral("allPartitionsCheck"));
    m_all->setChecked(true);
    m_allRecords->setObjectName(QStringLiteral("allRecordsRadio"));
    m_beforeOffset->setObjectName(QStringLiteral("beforeOffsetRadio"));
    m_beforeTime->setObjectName(QStringLiteral("beforeTimestampRadio"));
    m_offset->setObjectName(QStringLiteral("offsetEdit"));
    m_offset->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), m_offset));
    m_offset->setPlaceholderText(tr("offset (exclusive)"));
    m_time->setObjectName(QStringLiteral("timestampEdit"));
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_time->setCalendarPopup(true);
    m_confirm->setObjectName(QStringLiteral("confirmCheck"));
    auto *modes = new QButtonGroup(this);
    for (QRadioButton *b : {m_allRecords, m_beforeOffset, m_beforeTime})
        modes->addButton(b);
    m_allRecords->setChecked(true);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    auto *modeGrid = new QGridLayout;
    modeGrid->addWidget(m_allRecords, 0, 0, 1, 2);
    modeGrid->addWidget(m_beforeOffset, 1, 0);
    modeGrid->addWidget(m_offset, 1, 1);
    modeGrid->addWidget(m_offsetMsg, 2, 0, 1, 2);
    modeGrid->addWidget(m_beforeTime, 3, 0);
    modeGrid->addWidget(m_time, 3, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_purge = buttons->addButton(tr("&Purge"), QDialogButtonBox::DestructiveRole);
    m_purge->setObjectName(QStringLiteral("purgeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_purge, &QPushButton::clicked, this, &PurgeDialog::submit);
    auto updateEnabled = [this] {
        m_purge->setEnabled(!m_busy && m_confirm->isChecked() && m_admin->supportsAdmin());
        m_offset->setEnabled(m_beforeOffset->isChecked());
        m_time->setEnabled(m_beforeTime->isChecked());
    };
    connect(m_confirm, &QCheckBox::toggled, this, updateEnabled);
    connect(modes, &QButtonGroup::buttonToggled, this, updateEnabled);
    connect(m_all, &QCheckBox::toggled, this, [this](bool on) {
        for (int r = 0; r < m_table->rowCount(); ++r)
            m_table->item(r, PartitionCol)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    });
    connect(&m_loadWatcher, &QFutureWatcher<OffsetLookup>::finished, this, [this] { showWatermarks(m_loadWatcher.result()); });
    connect(&m_watcher, &QFutureWatcher<AdminResult>::finished, this, [this, updateEnabled] {
        m_busy = false;
        updateEnabled();
        showResult(m_watcher.result());
    });

    QVBoxLayout *layout = startAdminLayout(this, *admin, {});
    layout->addWidget(m_all);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_partitionsMsg);
    layout->addLayout(modeGrid);
    layout->addWidget(m_confirm);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    updateEnabled();
    resize(540, 520);
    loadWatermarks();
}

void PurgeDialog::loadWatermarks()
{
    QList<TopicPartition> parts;
    for (int p : std::as_const(m_partitions))
        parts.append({m_topic, p});
    m_loadWatcher.setFuture(m_admin->watermarks(parts));
}

void PurgeDialog::showWatermarks(const OffsetLookup &lookup)
{
    m_loaded = true;
    if (!lookup.ok) {
        m_partitionsMsg->showWarning(tr("Watermarks could not be read: %1").arg(lookup.error));
        return;
    }
    const QLocale locale;
    for (int r = 0; r < lookup.partitions.size() && r < m_table->rowCount(); ++r) {
        const PartitionOffsets &p = lookup.partitions[r];
        m_high.insert(p.partition, p.high);
        m_table->item(r, LowCol)->setText(p.error.isEmpty() ? locale.toString(p.low) : QStringLiteral("?"));
        m_table->item(r, HighCol)->setText(p.error.isEmpty() ? locale.toString(p.high) : QStringLiteral("?"));
        m_table->item(r, CountCol)->setText(p.error.isEmpty() ? locale.toString(p.count()) : p.error);
    }
}

QList<int> PurgeDialog::checkedPartitions() const
{
    QList<int> out;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, PartitionCol)->checkState() == Qt::Checked)
            out.append(m_partitions[r]);
    return out;
}

bool PurgeDialog::validateInput()
{
    bool ok = true;
    const QList<int> chosen = checkedPartitions();
    if (chosen.isEmpty()) {
        m_partitionsMsg->showError(tr("Choose at least one partition."));
        ok = false;
    } else {
        m_partitionsMsg->clear();
    }
    m_offsetMsg->clear();
    if (m_beforeOffset->isChecked()) {
        bool parsed = false;
        const qint64 offset = m_offset->text().toLongLong(&parsed);
        if (!parsed) {
            m_offsetMsg->showError(tr("Enter the offset before which records are deleted."));
            return false;
        }
        QStringList beyond;
        for (int p : chosen)
            if (m_high.contains(p) && m_high.value(p) >= 0 && offset > m_high.value(p))
                beyond << tr("partition %1 ends at %2").arg(p).arg(m_high.value(p));
        if (!beyond.isEmpty()) {
            m_offsetMsg->showError(tr("Offset %1 lies beyond the end of the log (%2).").arg(offset).arg(beyond.join(QStringLiteral(", "))));
            ok = false;
        }
    }
    return ok;
}

void PurgeDialog::submit()
{
    if (m_busy || !m_purge->isEnabled() || !validateInput())
        return;
    PurgeRequest request;
    request.topic = m_topic;
    request.partitions = checkedPartitions();
    if (m_beforeOffset->isChecked()) {
        request.mode = PurgeRequest::Mode::BeforeOffset;
        request.offset = m_offset->text().toLongLong();
    } else if (m_beforeTime->isChecked()) {
        request.mode = PurgeRequest::Mode::BeforeTimestamp;
        request.timestampMs = m_time->dateTime().toMSecsSinceEpoch();
    }
    m_busy = true;
    m_purge->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Deleting records…"));
    m_result->show();
    m_watcher.setFuture(m_admin->purge(request));
}

void PurgeDialog::showResult(const AdminResult &result)
{
    for (const AdminItemResult &item : result.items) {
        const int row = int(m_partitions.indexOf(item.partition));
        if (row < 0)
            continue;
        QTableWidgetItem *cell = m_table->item(row, ResultCol);
        cell->setText(item.ok() ? tr("low watermark now %1").arg(QLocale().toString(item.offset)) : item.error.text());
        cell->setToolTip(cell->text());
        cell->setForeground(item.ok() ? QColor(0x2e, 0x7d, 0x32) : Theme::errorColor());
    }
    if (result.ok()) {
        showAdminOutcome(m_result, tr("Records deleted from %n partition(s).", nullptr, int(result.items.size())), true);
        loadWatermarks();
    } else {
        showAdminOutcome(m_result, tr("The purge failed:\n") + result.failureText(), false);
    }
}

QString PurgeDialog::resultText() const
{
    return m_result->isVisibleTo(this) ? m_result->text() : QString();
}

} // namespace kafkascope
