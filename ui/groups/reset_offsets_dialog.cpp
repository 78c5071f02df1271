#include "groups/reset_offsets_dialog.h"
#include "shell/theme.h"

#include "cluster/cluster_session.h"
#include "groups/group_monitor.h"
#include "groups/offset_reset_jobs.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kafkascope {

ResetOffsetsDialog::ResetOffsetsDialog(ClusterSession *session, const QString &group,
                                       const QStringList &groupTopics, QWidget *parent)
    : QDialog(parent), m_session(session), m_group(group), m_target(new QComboBox),
      m_topic(new QComboBox), m_partition(new QComboBox), m_timestamp(new QDateTimeEdit),
      m_offset(new QLineEdit), m_previewButton(new QPushButton(tr("Preview"))),
      m_applyButton(new QPushButton(tr("Apply reset"))), m_table(new QTableWidget(0, ColCount)),
      m_status(new QLabel), m_previewJob(this), m_applyJob(this)
{
    setWindowTitle(tr("Reset offsets of %1").arg(group));
    setObjectName(QStringLiteral("resetOffsetsDialog"));
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_target->addItem(tr("Earliest (log start)"), int(ResetTarget::Earliest));
    m_target->addItem(tr("Latest (log end)"), int(ResetTarget::Latest));
    m_target->addItem(tr("First offset at a time"), int(ResetTarget::Timestamp));
    m_target->addItem(tr("A given offset"), int(ResetTarget::Offset));
    m_topic->setObjectName(QStringLiteral("topicCombo"));
    QStringList topics = groupTopics;
    for (const TopicInfo &t : session->snapshot().topics)
        if (!t.internal() && !topics.contains(t.name))
            topics << t.name;
    m_topic->addItems(topics);
    m_partition->setObjectName(QStringLiteral("partitionCombo"));
    m_timestamp->setObjectName(QStringLiteral("timestampEdit"));
    m_timestamp->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    m_timestamp->setCalendarPopup(true);
    m_timestamp->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_offset->setObjectName(QStringLiteral("offsetEdit"));
    m_offset->setPlaceholderText(tr("offset, e.g. 12345"));
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_applyButton->setEnabled(false);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Topic"), tr("Partition"), tr("Current"), tr("New"), tr("Note"), tr("Result")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Reset to"), m_target);
    form->addRow(tr("Time"), m_timestamp);
    form->addRow(tr("Offset"), m_offset);
    form->addRow(tr("Topic"), m_topic);
    form->addRow(tr("Partitions"), m_partition);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_previewButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_applyButton, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 520);

    auto updateFields = [this] {
        const auto t = ResetTarget(m_target->currentData().toInt());
        m_timestamp->setEnabled(t == ResetTarget::Timestamp);
        m_offset->setEnabled(t == ResetTarget::Offset);
    };
    updateFields();
    connect(m_target, &QComboBox::currentIndexChanged, this, updateFields);
    connect(m_topic, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::fillPartitions);
    for (QComboBox *c : {m_target, m_topic, m_partition})
        connect(c, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_timestamp, &QDateTimeEdit::dateTimeChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_offset, &QLineEdit::textChanged, this, &ResetOffsetsDialog::inputsChanged);
    connect(m_previewButton, &QPushButton::clicked, this, &ResetOffsetsDialog::runPreview);
    connect(m_applyButton, &QPushButton::clicked, this, &ResetOffsetsDialog::runApply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillPartitions();

    if (session->profile().demo) {
        // No DescribeConsumerGroups there: active members cannot be ruled out.
        m_previewButton->setEnabled(false);
        setStatus(
            GroupMonitor::demoLimitation() + u' ' +
                tr("Resetting offsets is refused here because active members cannot be ruled out."),
            true);
    }
}

// Never waits: the job slots cancel their jobs and drop what those still answer.
ResetOffsetsDialog::~ResetOffsetsDialog() = default;

QString ResetOffsetsDialog::statusText() const
{
    return m_status->text();
}

void ResetOffsetsDialog::fillPartitions()
{
    m_partition->clear();
    m_partition->addItem(tr("All partitions of the topic"), -1);
    if (const TopicInfo *t = m_session->snapshot().topic(m_topic->currentText()))
        for (const PartitionInfo &p : t->partitions)
            m_partition->addItem(tr("Partition %1").arg(p.id), p.id);
}

void ResetOffsetsDialog::inputsChanged()
{
    // A preview only stands for the inputs it was made from.
    if (m_previewJob.isRunning()) {
        m_previewJob.cancel();
        setBusy(false);
        setStatus(tr("The inputs changed: preview again"), false);
    }
    m_applyButton->setEnabled(false);
}

void ResetOffsetsDialog::setStatus(const QString &text, bool bad)
{
    m_status->setText(text);
    m_status->setStyleSheet(bad ? Theme::errorStyleSheet() : QString());
}

void ResetOffsetsDialog::setBusy(bool busy)
{
    m_previewButton->setEnabled(!busy && !m_session->profile().demo);
    if (busy)
        m_applyButton->setEnabled(false);
}

bool ResetOffsetsDialog::readSpec(ResetSpec *spec, QList<TopicPartition> *partitions,
                                  QString *error) const
{
    spec->target = ResetTarget(m_target->currentData().toInt());
    if (spec->target == ResetTarget::Timestamp)
        spec->timestampMs = m_timestamp->dateTime().toMSecsSinceEpoch();
    if (spec->target == ResetTarget::Offset) {
        bool ok = false;
        spec->offset = m_offset->text().trimmed().toLongLong(&ok);
        if (!ok || spec->offset < 0) {
            *error = tr("Offset: \"%1\" is not a non-negative whole number").arg(m_offset->text());
            return false;
        }
    }
    const TopicInfo *topic = m_session->snapshot().topic(m_topic->currentText());
    if (!topic) {
        *error = tr("Topic: \"%1\" is not in the cluster").arg(m_topic->currentText());
        return false;
    }
    const int partition = m_partition->currentData().toInt();
    for (const PartitionInfo &p : topic->partitions)
        if (partition < 0 || p.id == partition)
            partitions->append({topic->name, p.id});
    return true;
}

void ResetOffsetsDialog::runPreview()
{
    ResetSpec spec;
    QList<TopicPartition> partitions;
    QString error;
    if (!readSpec(&spec, &partitions, &error)) {
        setStatus(error, true);
        return;
    }
    setBusy(true);
    setStatus(tr("Reading committed offsets and watermarks…"), false);
    m_previewJob.start(m_session->jobs(), QStringLiteral("reset preview"),
                       offsetResetPreviewJob(*m_session, m_group, partitions, spec),
                       [this](const ResetPreview &p) { showPreview(p); });
}

void ResetOffsetsDialog::showPreview(const ResetPreview &preview)
{
    setBusy(false);
    m_preview = preview;
    m_table->setRowCount(0);
    if (!preview.ok) {
        setStatus(preview.error, true);
        return;
    }
    m_table->setRowCount(int(preview.rows.size()));
    int planned = 0;
    for (int i = 0; i < preview.rows.size(); ++i) {
        const ResetRow &r = preview.rows[i];
        const QStringList cells{r.topic,
                                QString::number(r.partition),
                                r.current < 0 ? tr("no commit") : QString::number(r.current),
                                r.target < 0 ? tr("–") : QString::number(r.target),
                                r.error.isEmpty() ? r.note : r.error,
                                QString()};
        for (int c = 0; c < ColCount; ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
        planned += r.target >= 0 ? 1 : 0;
    }
    if (!preview.refusal.isEmpty()) {
        setStatus(preview.refusal, true);
        return;
    }
    if (planned == 0) {
        setStatus(tr("No partition can be reset (see the notes)"), true);
        return;
    }
    setStatus(tr("%n partition(s) will be reset as shown. Apply to commit the new offsets.",
                 nullptr, planned),
              false);
    m_applyButton->setEnabled(true);
}

void ResetOffsetsDialog::runApply()
{
    QList<PartitionOffset> offsets;
    for (const ResetRow &r : std::as_const(m_preview.rows))
        if (r.target >= 0)
            offsets.append({r.topic, r.partition, r.target, {}});
    setBusy(true);
    setStatus(tr("Committing the new offsets…"), false);
    m_applyJob.start(m_session->jobs(), QStringLiteral("reset apply"),
                     offsetResetApplyJob(*m_session, m_group, offsets),
                     [this](const ResetApplied &a) { showApplied(a.refusal, a.result); });
}

void ResetOffsetsDialog::showApplied(const QString &refusal, const AlterOffsetsResult &result)
{
    setBusy(false);
    if (!refusal.isEmpty()) {
        setStatus(refusal, true);
        return;
    }
    int failed = 0;
    for (int i = 0; i < m_table->rowCount(); ++i) {
        const QString topic = m_table->item(i, ColTopic)->text();
        const int partition = m_table->item(i, ColPartition)->text().toInt();
        for (const PartitionOffset &p : result.partitions) {
            if (p.topic != topic || p.partition != partition)
                continue;
            m_table->item(i, ColResult)
                ->setText(p.error.isEmpty() ? tr("committed %1").arg(p.offset) : p.error);
            failed += p.error.isEmpty() ? 0 : 1;
        }
    }
    if (!result.error.isEmpty()) {
        setStatus(tr("The reset failed: %1").arg(result.error), true);
        return;
    }
    if (failed > 0) {
        setStatus(tr("%n partition(s) were not reset: see the Result column", nullptr, failed),
                  true);
        return;
    }
    setStatus(tr("Offsets of %1 reset on %n partition(s).", nullptr, int(result.partitions.size()))
                  .arg(m_group),
              false);
    emit applied(m_group);
}

} // namespace kafkascope
