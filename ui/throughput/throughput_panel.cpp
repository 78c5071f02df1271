#include "throughput/throughput_panel.h"
#include "shell/theme.h"

#include "cluster/cluster_session.h"
#include "throughput/history_chart_feeder.h"
#include "throughput/offset_poller.h"

#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace kafkascope {

namespace {
constexpr double kRawReloadSeconds = 3600; // fixed windows load an hour so zooming out works
constexpr int kFrameMs = 33;

double now()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

QStringList userTopics(const ClusterSnapshot &s)
{
    QStringList out;
    for (const TopicInfo &t : s.topics)
        if (!t.internal() && t.error.isEmpty())
            out << t.name;
    return out;
}

QList<int> partitionIds(const ClusterSnapshot &s, const QString &topic)
{
    QList<int> out;
    if (const TopicInfo *t = s.topic(topic))
        for (const PartitionInfo &p : t->partitions)
            out << p.id;
    std::sort(out.begin(), out.end());
    return out;
}
} // namespace

ThroughputPanel::ThroughputPanel(ClusterSession *session, const QString &topic, QWidget *parent)
    : QWidget(parent), m_session(session), m_poller(OffsetPoller::forSession(session)), m_chart(new TimeChart),
      m_feeder(std::make_unique<HistoryChartFeeder>(m_chart, &m_poller->history())), m_scopeBox(new QComboBox),
      m_topicBox(new QComboBox), m_windowBox(new QComboBox), m_followButton(new QToolButton), m_topN(new QSpinBox),
      m_interval(new QSpinBox), m_status(new QLabel), m_problems(new QLabel), m_frame(new QTimer(this))
{
    setObjectName(QStringLiteral("throughputPanel"));
    m_chart->setObjectName(QStringLiteral("throughputChart"));
    m_chart->setPaneLabel(0, tr("messages/s"));
    m_chart->setIncludeZero(0, true); // a steady rate should look steady
    m_chart->setClock(TimeChart::wallClock); // live: now at the right edge

    m_scopeBox->setObjectName(QStringLiteral("scopeBox"));
    m_scopeBox->addItem(tr("Whole cluster"), int(Scope::Cluster));
    m_scopeBox->addItem(tr("Per topic"), int(Scope::Topics));
    m_scopeBox->addItem(tr("Per partition of"), int(Scope::Partitions));
    m_topicBox->setObjectName(QStringLiteral("topicBox"));
    m_topicBox->setMinimumContentsLength(18);
    m_topicBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_windowBox->setObjectName(QStringLiteral("windowBox"));
    const QList<QPair<QString, int>> windows{{tr("1 min"), 60},   {tr("5 min"), 300}, {tr("15 min"), 900},
                                             {tr("1 h"), 3600},   {tr("All"), 0}};
    for (const auto &w : windows)
        m_windowBox->addItem(w.first, w.second);
    m_windowBox->setCurrentIndex(1);

    m_followButton->setObjectName(QStringLiteral("followButton"));
    m_followButton->setText(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(tr("Keep the newest data in view. Zooming or panning pauses it."));

    m_topN->setObjectName(QStringLiteral("topN"));
    m_topN->setRange(0, 20);
    m_topN->setValue(3);
    m_topN->setToolTip(tr("Draw the busiest series of the visible window with a thicker line"));

    m_interval->setObjectName(QStringLiteral("pollInterval"));
    m_interval->setRange(1, 60);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(std::max(1, m_poller->intervalMs() / 1000));
    m_interval->setToolTip(tr("How often the watermarks of every partition are read"));

    auto *exportButton = new QToolButton;
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Chart as PNG…"), this, [this] { exportChart(QStringLiteral("png")); });
    exportMenu->addAction(tr("Chart as PDF…"), this, [this] { exportChart(QStringLiteral("pdf")); });
    exportMenu->addAction(tr("Data as CSV…"), this, [this] { exportChart(QStringLiteral("csv")); });
    exportButton->setMenu(exportMenu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show")));
    bar->addWidget(m_scopeBox);
    bar->addWidget(m_topicBox);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Window")));
    bar->addWidget(m_windowBox);
    bar->addWidget(m_followButton);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Highlight top")));
    bar->addWidget(m_topN);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Poll every")));
    bar->addWidget(m_interval);
    bar->addStretch(1);
    bar->addWidget(exportButton);

    m_status->setObjectName(QStringLiteral("throughputStatus"));
    m_problems->setObjectName(QStringLiteral("throughputProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(Theme::errorStyleSheet());
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_problems);

    m_frame->setInterval(kFrameMs);
    connect(m_frame, &QTimer::timeout, this, &ThroughputPanel::onFrame);
    connect(m_scopeBox, &QComboBox::activated, this,
            [this] { setScope(Scope(m_scopeBox->currentData().toInt()), m_topicBox->currentText()); });
    connect(m_topicBox, &QComboBox::activated, this, [this] {
        if (m_scopeBox->currentData().toInt() != int(Scope::Partitions))
            m_scopeBox->setCurrentIndex(m_scopeBox->findData(int(Scope::Partitions)));
        setScope(Scope::Partitions, m_topicBox->currentText());
    });
    connect(m_windowBox, &QComboBox::activated, this,
            [this] { setWindowSeconds(m_windowBox->currentData().toDouble()); });
    connect(m_followButton, &QToolButton::toggled, m_chart, &TimeChart::setFollow);
    connect(m_chart, &TimeChart::followChanged, m_followButton, &QToolButton::setChecked);
    connect(m_topN, &QSpinBox::valueChanged, this, &ThroughputPanel::updateEmphasis);
    connect(m_interval, &QSpinBox::valueChanged, this, [this](int s) {
        QMetaObject::invokeMethod(m_poller, [p = m_poller, s] { p->setIntervalMs(s * 1000); }, Qt::QueuedConnection);
    });
    connect(m_poller, &OffsetPoller::intervalChanged, this, [this](int ms) {
        QSignalBlocker block(m_interval);
        m_interval->setValue(std::max(1, ms / 1000));
    });
    connect(m_chart, &TimeChart::pointClicked, this, &ThroughputPanel::onPointClicked);
    connect(session, &ClusterSession::snapshotChanged, this, &ThroughputPanel::syncTopics);

    m_chart->setTimeWindow(300);
    syncTopics(session->snapshot());
    setScope(topic.isEmpty() ? Scope::Cluster : Scope::Partitions, topic);
    updateStatus();
}

ThroughputPanel::~ThroughputPanel() = default;

void ThroughputPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_frame->start();
    onFrame();
}

void ThroughputPanel::hideEvent(QHideEvent *event)
{
    m_frame->stop(); // hidden views do no work
    QWidget::hideEvent(event);
}

TimeChart::SeriesId ThroughputPanel::seriesFor(const SeriesKey &key) const
{
    return m_feeder->idOf(key);
}

QString ThroughputPanel::statusText() const
{
    return m_status->text() + (m_problems->isVisible() ? u'\n' + m_problems->text() : QString());
}

void ThroughputPanel::setScope(Scope scope, const QString &topic)
{
    m_scope = scope;
    if (scope == Scope::Partitions) {
        m_topic = topic.isEmpty() ? m_topicBox->currentText() : topic;
        if (m_topicBox->findText(m_topic) < 0 && !m_topic.isEmpty())
            m_topicBox->addItem(m_topic); // not in metadata yet; the next snapshot tells
        m_topicBox->setCurrentText(m_topic);
    }
    m_scopeBox->setCurrentIndex(m_scopeBox->findData(int(scope)));
    m_topicBox->setEnabled(scope == Scope::Partitions);
    rebuildSeries();
}

void ThroughputPanel::setWindowSeconds(double seconds)
{
    const int index = m_windowBox->findData(int(seconds));
    if (index >= 0)
        m_windowBox->setCurrentIndex(index);
    const bool wasAll = m_chart->timeWindow() == 0;
    m_chart->setTimeWindow(seconds);
    m_chart->setFollow(true);
    if (wasAll || seconds == 0) // "all" mixes in the 1-minute buckets: reload from the store
        rebuildSeries();
}

void ThroughputPanel::setTopN(int n)
{
    m_topN->setValue(n);
}

double ThroughputPanel::reloadFrom() const
{
    return m_chart->timeWindow() == 0 ? 0 : now() - kRawReloadSeconds;
}

void ThroughputPanel::syncTopics(const ClusterSnapshot &snapshot)
{
    if (snapshot.fetchedAt.isNull())
        return;
    const QStringList topics = userTopics(snapshot);
    QStringList inBox;
    for (int i = 0; i < m_topicBox->count(); ++i)
        inBox << m_topicBox->itemText(i);
    if (inBox != topics) {
        const QString keep = m_topicBox->currentText();
        QSignalBlocker block(m_topicBox);
        m_topicBox->clear();
        m_topicBox->addItems(topics);
        if (!keep.isEmpty() && !topics.contains(keep))
            m_topicBox->addItem(keep);
        m_topicBox->setCurrentText(keep);
    }
    if ((m_scope == Scope::Topics && topics != m_shownTopics)
        || (m_scope == Scope::Partitions && partitionIds(snapshot, m_topic) != m_shownPartitions))
        rebuildSeries();
}

void ThroughputPanel::rebuildSeries()
{
    m_feeder->removeAll();
    const ClusterSnapshot snapshot = m_session->snapshot();
    m_shownTopics.clear();
    m_shownPartitions.clear();
    switch (m_scope) {
    case Scope::Cluster:
        m_feeder->add(SeriesKey::cluster(), 0, tr("All topics"));
        break;
    case Scope::Topics:
        m_shownTopics = userTopics(snapshot);
        for (const QString &t : std::as_const(m_shownTopics))
            m_feeder->add(SeriesKey::topicRate(t), 0, t);
        break;
    case Scope::Partitions:
        m_shownPartitions = partitionIds(snapshot, m_topic);
        for (int p : std::as_const(m_shownPartitions))
            m_feeder->add(SeriesKey::partitionSeries(OffsetMetric::Rate, m_topic, p), 0,
                          tr("%1 · p%2").arg(m_topic).arg(p));
        break;
    }
    m_feeder->reload(reloadFrom());
    m_lastReload = now();
    m_seenSequence = m_poller->history().sequence();
    updateEmphasis();
    updateStatus();
}

void ThroughputPanel::onFrame()
{
    const quint64 seq = m_poller->history().sequence();
    if (seq == m_seenSequence)
        return;
    m_seenSequence = seq;
    const double t = now();
    if (t - m_lastReload > 300) {
        // Every few minutes: re-read from the store so the chart holds no more than the
        // store does ("all" picks up fresh buckets; fixed windows drop points past an hour).
        m_feeder->reload(reloadFrom());
        m_lastReload = t;
    } else {
        m_feeder->pull();
    }
    updateEmphasis();
    updateStatus();
}

void ThroughputPanel::updateEmphasis()
{
    const QList<TimeChart::SeriesId> ids = m_feeder->ids();
    QList<QPair<double, TimeChart::SeriesId>> ranked;
    for (TimeChart::SeriesId id : ids) {
        const TimeChart::Stats s = m_chart->visibleStats(id);
        if (m_chart->isSeriesVisible(id) && s.count > 0 && s.mean > 0)
            ranked.append({s.mean, id});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QSet<TimeChart::SeriesId> top;
    // Emphasis only means something when it singles out part of several series.
    if (ids.size() > 1)
        for (qsizetype i = 0; i < ranked.size() && i < m_topN->value(); ++i)
            top.insert(ranked[i].second);
    for (TimeChart::SeriesId id : ids)
        m_chart->setSeriesEmphasis(id, top.contains(id));
}

void ThroughputPanel::updateStatus()
{
    const OffsetsSnapshot latest = m_poller->history().latest();
    if (latest.t == 0) {
        m_status->setText(tr("Waiting for the first offsets refresh…"));
        m_problems->hide();
        return;
    }
    const QString when = QDateTime::fromMSecsSinceEpoch(qint64(latest.t * 1000)).toString(QStringLiteral("HH:mm:ss"));
    QString text = tr("Updated %1 · %2 partitions · %3 ListOffsets requests (batched per leader) · %4 ms")
                       .arg(when)
                       .arg(latest.partitions.size())
                       .arg(latest.requests)
                       .arg(latest.refreshMs, 0, 'f', 0);
    if (!std::isnan(latest.clusterRate))
        text += tr(" · cluster now %1 msg/s").arg(latest.clusterRate, 0, 'f', 1);
    m_status->setText(text);

    QStringList problems;
    if (!latest.error.isEmpty())
        problems << tr("Offsets could not be read: %1").arg(latest.error);
    if (latest.failedPartitions > 0) {
        QString first;
        for (const PartitionOffsetState &p : latest.partitions)
            if (!p.error.isEmpty()) {
                first = tr("%1[%2]: %3").arg(p.topic).arg(p.partition).arg(p.error);
                break;
            }
        problems << tr("%n partition(s) without a sample this round, e.g. %1", nullptr, latest.failedPartitions)
                        .arg(first);
    }
    QStringList restarted;
    for (const PartitionOffsetState &p : latest.partitions)
        if (p.restarted && !restarted.contains(p.topic))
            restarted << p.topic;
    if (!restarted.isEmpty())
        problems << tr("Offsets went backwards (topic deleted and recreated?): rates restarted for %1")
                        .arg(restarted.join(u", "));
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
}

void ThroughputPanel::onPointClicked(TimeChart::SeriesId id, double t, double v)
{
    if (!m_feeder->has(id))
        return;
    const SeriesKey key = m_feeder->key(id);
    const QString when = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000)).toString(QStringLiteral("HH:mm:ss"));
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("pointMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addSection(tr("%1 at %2: %3 msg/s").arg(m_chart->seriesName(id), when).arg(v, 0, 'f', 1));
    if (key.topic.isEmpty()) {
        menu->addAction(tr("Choose “Per topic” to open a topic's messages"))->setEnabled(false);
    } else {
        const QString target = key.partition < 0 ? key.topic : tr("%1 partition %2").arg(key.topic).arg(key.partition);
        QAction *open = menu->addAction(tr("Open messages of %1 at %2").arg(target, when));
        open->setObjectName(QStringLiteral("openMessagesAction"));
        connect(open, &QAction::triggered, this,
                [this, key, t] { emit openMessagesRequested(key.topic, key.partition, qint64(t * 1000)); });
    }
    menu->popup(QCursor::pos());
}

void ThroughputPanel::exportChart(const QString &format)
{
    ChartExport::ask(this, tr("Export throughput"), QStringLiteral("throughput.") + format, m_chart->exportSource(),
                     ChartExport::formatOf(format));
}

} // namespace kafkascope
