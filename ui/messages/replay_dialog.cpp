#include "messages/replay_dialog.h"

#include "cluster/cluster_session.h"
#include "cluster/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>

namespace kafkascope {

namespace {
QDateTimeEdit *timeEdit(const QString &name)
{
    auto *e = new QDateTimeEdit(QDateTime::currentDateTime());
    e->setObjectName(name);
    e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    e->setCalendarPopup(true);
    return e;
}
} // namespace

ReplayDialog::ReplayDialog(ClusterSession *session, Workspace *workspace, const QString &topic, QWidget *parent)
    : QDialog(parent), m_session(session), m_workspace(workspace)
{
    setWindowTitle(tr("Replay messages"));
    setObjectName(QStringLiteral("replayDialog"));
    auto named = [](auto *w, const char *name) {
        w->setObjectName(QString::fromLatin1(name));
        return w;
    };
    m_sourceTopic = named(new QComboBox, "sourceTopic");
    for (const TopicInfo &t : session->snapshot().topics)
        if (!t.internal())
            m_sourceTopic->addItem(t.name);
    m_sourceTopic->setCurrentText(topic);
    m_partitions = named(new QLineEdit, "sourcePartitions");
    m_partitions->setPlaceholderText(tr("all, or e.g. 0,2,5"));
    m_fromKind = named(new QComboBox, "fromKind");
    m_fromKind->addItems({tr("Log start"), tr("Offset"), tr("Time")});
    m_fromOffset = named(new QLineEdit(QStringLiteral("0")), "fromOffset");
    m_fromTime = timeEdit(QStringLiteral("fromTime"));
    m_toKind = named(new QComboBox, "toKind");
    m_toKind->addItems({tr("Log end"), tr("Offset (inclusive)"), tr("Time (inclusive)")});
    m_toOffset = named(new QLineEdit(QStringLiteral("0")), "toOffset");
    m_toTime = timeEdit(QStringLiteral("toTime"));

    m_targetCluster = named(new QComboBox, "targetCluster");
    for (ClusterSession *s : workspace->clusters().sessions())
        m_targetCluster->addItem(s->profile().name, s->id());
    m_targetCluster->setCurrentIndex(std::max(0, m_targetCluster->findData(session->id())));
    m_targetTopic = named(new QComboBox, "targetTopic");
    m_targetTopic->setEditable(true);
    m_partitioning = named(new QComboBox, "partitioning");
    m_partitioning->addItems({tr("Keep the partition number"), tr("Partition by key")});
    m_keepTimestamps = named(new QCheckBox(tr("Keep the original timestamps")), "keepTimestamps");
    m_keepTimestamps->setChecked(true);
    m_keepHeaders = named(new QCheckBox(tr("Keep headers")), "keepHeaders");
    m_keepHeaders->setChecked(true);
    m_pace = named(new QComboBox, "pace");
    m_pace->addItems({tr("As fast as possible"), tr("Rate limit"), tr("Original timing")});
    m_rate = named(new QDoubleSpinBox, "rate");
    m_rate->setRange(0.1, 10000000);
    m_rate->setValue(1000);
    m_rate->setSuffix(tr(" msg/s"));
    m_speed = named(new QComboBox, "speed");
    for (int f : {1, 10, 100})
        m_speed->addItem(QStringLiteral("%1×").arg(f), f);

    m_progress = named(new QProgressBar, "replayProgress");
    m_progress->setRange(0, 1000);
    m_rateLabel = named(new QLabel, "rateLabel");
    m_reportView = named(new QPlainTextEdit, "replayReport");
    m_reportView->setReadOnly(true);
    m_reportView->setMinimumHeight(110);
    m_start = named(new QPushButton(tr("Start replay")), "startReplay");
    m_start->setDefault(true);
    m_resume = named(new QPushButton(tr("Resume")), "resumeReplay");
    m_resume->setToolTip(tr("Continue where the last run stopped, without duplicates"));
    m_cancel = named(new QPushButton(tr("Cancel replay")), "cancelReplay");

    auto *source = new QGroupBox(tr("Source: %1").arg(session->profile().name));
    auto *sf = new QFormLayout(source);
    sf->addRow(tr("Topic"), m_sourceTopic);
    sf->addRow(tr("Partitions"), m_partitions);
    auto *fromRow = new QHBoxLayout;
    fromRow->addWidget(m_fromKind);
    fromRow->addWidget(m_fromOffset, 1);
    fromRow->addWidget(m_fromTime, 1);
    sf->addRow(tr("From"), fromRow);
    auto *toRow = new QHBoxLayout;
    toRow->addWidget(m_toKind);
    toRow->addWidget(m_toOffset, 1);
    toRow->addWidget(m_toTime, 1);
    sf->addRow(tr("To"), toRow);
    auto *target = new QGroupBox(tr("Target"));
    auto *tf = new QFormLayout(target);
    tf->addRow(tr("Cluster"), m_targetCluster);
    tf->addRow(tr("Topic"), m_targetTopic);
    tf->addRow(tr("Partitions"), m_partitioning);
    tf->addRow(QString(), m_keepTimestamps);
    tf->addRow(QString(), m_keepHeaders);
    auto *paceRow = new QHBoxLayout;
    paceRow->addWidget(m_pace);
    paceRow->addWidget(m_rate);
    paceRow->addWidget(m_speed);
    paceRow->addStretch(1);
    tf->addRow(tr("Pace"), paceRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_resume, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &ReplayDialog::start);
    connect(m_resume, &QPushButton::clicked, this, &ReplayDialog::resume);
    connect(m_cancel, &QPushButton::clicked, this, &ReplayDialog::cancel);
    for (QComboBox *c : {m_fromKind, m_toKind, m_pace})
        connect(c, &QComboBox::currentIndexChanged, this, &ReplayDialog::updateEnabled);
    connect(m_targetCluster, &QComboBox::currentIndexChanged, this, &ReplayDialog::fillTargetTopics);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(source);
    layout->addWidget(target);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_rateLabel);
    layout->addLayout(progressRow);
    layout->addWidget(m_reportView, 1);
    layout->addWidget(buttons);
    fillTargetTopics();
    updateEnabled();
    resize(680, 640);
}

ReplayDialog::~ReplayDialog()
{
    *m_stop = true; // the job winds down by itself; m_job drops whatever it still reports
}

void ReplayDialog::presetOffsets(qint64 from, qint64 to)
{
    m_fromKind->setCurrentIndex(ReplayBound::Offset);
    m_fromOffset->setText(QString::number(from));
    m_toKind->setCurrentIndex(ReplayBound::Offset);
    m_toOffset->setText(QString::number(to));
}

void ReplayDialog::fillTargetTopics()
{
    const QString current = m_targetTopic->currentText();
    m_targetTopic->clear();
    if (ClusterSession *s = m_workspace->clusters().session(m_targetCluster->currentData().toString()))
        for (const TopicInfo &t : s->snapshot().topics)
            if (!t.internal())
                m_targetTopic->addItem(t.name);
    m_targetTopic->setCurrentText(current);
}

void ReplayDialog::updateEnabled()
{
    m_fromOffset->setVisible(m_fromKind->currentIndex() == ReplayBound::Offset);
    m_fromTime->setVisible(m_fromKind->currentIndex() == ReplayBound::Time);
    m_toOffset->setVisible(m_toKind->currentIndex() == ReplayBound::Offset);
    m_toTime->setVisible(m_toKind->currentIndex() == ReplayBound::Time);
    m_rate->setVisible(m_pace->currentIndex() == ReplayRequest::RateLimit);
    m_speed->setVisible(m_pace->currentIndex() == ReplayRequest::OriginalTiming);
    m_start->setEnabled(!m_running);
    m_resume->setEnabled(!m_running && !m_report.partitions.isEmpty() && !m_report.complete());
    m_cancel->setEnabled(m_running);
}

QString ReplayDialog::reportText() const
{
    return m_reportView->toPlainText();
}

bool ReplayDialog::buildRequest(ReplayRequest *r, QList<int> *partitions, ReplayBound *from, ReplayBound *to,
                                QString *error)
{
    r->source = m_session->profile();
    r->sourceTopic = m_sourceTopic->currentText().trimmed();
    if (r->sourceTopic.isEmpty())
        return *error = tr("Choose the source topic."), false;
    ClusterSession *target = m_workspace->clusters().session(m_targetCluster->currentData().toString());
    if (!target)
        return *error = tr("The target cluster is no longer connected."), false;
    r->target = target->profile();
    r->targetTopic = m_targetTopic->currentText().trimmed();
    if (r->targetTopic.isEmpty())
        return *error = tr("Choose the target topic."), false;
    if (r->target.id == r->source.id && r->targetTopic == r->sourceTopic)
        return *error = tr("Replaying a topic into itself would read its own output; choose another target topic."), false;
    partitions->clear();
    const QString list = m_partitions->text().trimmed();
    if (!list.isEmpty() && list.compare(u"all", Qt::CaseInsensitive) != 0) {
        for (const QString &part : list.split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int p = part.trimmed().toInt(&ok);
            if (!ok || p < 0)
                return *error = tr("“%1” is not a partition number.").arg(part.trimmed()), false;
            partitions->append(p);
        }
    }
    auto bound = [&](QComboBox *kind, QLineEdit *offset, QDateTimeEdit *time, ReplayBound *out, const QString &what) {
        out->kind = ReplayBound::Kind(kind->currentIndex());
        bool ok = true;
        if (out->kind == ReplayBound::Offset)
            out->value = offset->text().trimmed().toLongLong(&ok);
        else if (out->kind == ReplayBound::Time)
            out->value = time->dateTime().toMSecsSinceEpoch();
        if (!ok || out->value < 0)
            *error = tr("The %1 offset “%2” is not a number.").arg(what, offset->text());
        return ok && out->value >= 0;
    };
    if (!bound(m_fromKind, m_fromOffset, m_fromTime, from, tr("start")) || !bound(m_toKind, m_toOffset, m_toTime, to, tr("end")))
        return false;
    r->keepPartition = m_partitioning->currentIndex() == 0;
    r->keepTimestamps = m_keepTimestamps->isChecked();
    r->keepHeaders = m_keepHeaders->isChecked();
    r->pace = ReplayRequest::Pace(m_pace->currentIndex());
    r->ratePerSecond = m_rate->value();
    r->speedFactor = m_speed->currentData().toDouble();
    return true;
}

void ReplayDialog::start()
{
    ReplayRequest request;
    QList<int> partitions;
    ReplayBound from, to;
    QString error;
    if (!buildRequest(&request, &partitions, &from, &to, &error)) {
        m_reportView->setPlainText(error);
        return;
    }
    launch(request, partitions, from, to, true);
}

void ReplayDialog::resume()
{
    if (m_report.partitions.isEmpty())
        return;
    launch(m_report.resume(m_lastRequest), {}, {}, {}, false);
}

void ReplayDialog::cancel()
{
    *m_stop = true;
    m_rateLabel->setText(tr("Cancelling: waiting for the messages in flight…"));
}

void ReplayDialog::launch(const ReplayRequest &request, const QList<int> &partitions, const ReplayBound &from,
                          const ReplayBound &to, bool resolve)
{
    m_running = true;
    *m_stop = true; // a previous run (if any) stops; this one gets its own flag
    m_stop = std::make_shared<std::atomic_bool>(false);
    m_progress->setValue(0);
    m_reportView->setPlainText(tr("Looking up the range…"));
    updateEnabled();
    const JobSlot::Poster poster = m_job.poster();
    m_job.start(JobRunner::shared(), QStringLiteral("replay"),
                [this, poster, stop = m_stop, request, partitions, from, to, resolve](JobControl &job) {
                    // `this` is only used in what the poster delivers, on the dialog's thread.
                    return resolveAndReplay(
                        request, partitions, from, to, resolve,
                        [&](const ReplayRequest &r) { poster.post(job, [this, r] { m_lastRequest = r; }); },
                        [&](const ReplayProgress &p) { poster.post(job, [this, p] { onProgress(p); }); }, *stop);
                },
                [this](const ReplayReport &report) { onFinished(report); });
}

void ReplayDialog::onProgress(const ReplayProgress &p)
{
    m_progress->setValue(p.total > 0 ? int((p.acked + p.failed) * 1000 / p.total) : 0);
    QString eta = p.etaSeconds >= 0 ? tr(", ETA %1 s").arg(qRound(p.etaSeconds)) : QString();
    m_rateLabel->setText(tr("%1 msg/s%2").arg(qRound(p.ratePerSecond)).arg(eta));
    m_reportView->setPlainText(tr("Read %1, sent %2, acknowledged %3, failed %4 of %5")
                                   .arg(p.read).arg(p.sent).arg(p.acked).arg(p.failed).arg(p.total));
}

void ReplayDialog::onFinished(const ReplayReport &report)
{
    m_running = false;
    m_report = report;
    if (report.total > 0)
        m_progress->setValue(int((report.acked + report.skipped) * 1000 / report.total));
    m_rateLabel->setText(report.complete() ? tr("Done") : report.cancelled ? tr("Cancelled") : tr("Stopped"));
    QStringList lines{report.summary()};
    for (const QString &n : report.notes)
        lines.append(n);
    for (const ReplayPartitionReport &p : report.partitions) {
        QString line = tr("Partition %1: offsets %2–%3, %4 acknowledged, next offset %5%6")
                           .arg(p.partition).arg(p.start).arg(p.end - 1).arg(p.acked).arg(p.nextOffset)
                           .arg(p.complete() ? tr(" (complete)") : QString());
        if (!p.failedOffsets.isEmpty())
            line += tr("; not written: %1").arg(p.failedOffsets.size());
        if (!p.deliveredBeyond.isEmpty())
            line += tr("; %1 written past the gap (Resume skips them)").arg(p.deliveredBeyond.size());
        lines.append(line);
    }
    m_reportView->setPlainText(lines.join(u'\n'));
    updateEnabled();
}

} // namespace kafkascope
