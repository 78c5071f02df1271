#include "throughput/partitions_panel.h"
#include "shell/theme.h"

#include "bar_chart.h"
#include "cluster/cluster_session.h"
#include "throughput/history_chart_feeder.h"
#include "throughput/offset_poller.h"
#include "models/partition_table_model.h"

#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
double now()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}
} // namespace

PartitionsPanel::PartitionsPanel(ClusterSession *session, const QString &topic, QWidget *parent)
    : QWidget(parent), m_session(session), m_poller(OffsetPoller::forSession(session)),
      m_model(new PartitionTableModel(this)), m_proxy(new QSortFilterProxyModel(this)), m_table(new QTableView),
      m_bars(new BarChart), m_skew(new QLabel), m_chart(new TimeChart),
      m_feeder(std::make_unique<HistoryChartFeeder>(m_chart, &m_poller->history())), m_topicBox(new QComboBox),
      m_windowBox(new QComboBox), m_status(new QLabel), m_problems(new QLabel), m_frame(new QTimer(this))
{
    setObjectName(QStringLiteral("partitionsPanel"));
    m_topicBox->setObjectName(QStringLiteral("topicBox"));
    m_topicBox->setMinimumContentsLength(24);
    m_topicBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_topicBox->setPlaceholderText(tr("Choose a topic"));
    m_windowBox->setObjectName(QStringLiteral("windowBox"));
    const QList<QPair<QString, int>> windows{{tr("1 min"), 60}, {tr("5 min"), 300}, {tr("15 min"), 900},
                                             {tr("1 h"), 3600}, {tr("All"), 0}};
    for (const auto &w : windows)
        m_windowBox->addItem(w.first, w.second);
    m_windowBox->setCurrentIndex(1);

    auto *exportButton = new QToolButton;
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    const QString wm = QStringLiteral("watermarks"), bars = QStringLiteral("bars");
    menu->addAction(tr("Watermark chart as PNG…"), this, [this, wm] { exportChart(wm, QStringLiteral("png")); });
    menu->addAction(tr("Watermark chart as PDF…"), this, [this, wm] { exportChart(wm, QStringLiteral("pdf")); });
    menu->addAction(tr("Watermark data as CSV…"), this, [this, wm] { exportChart(wm, QStringLiteral("csv")); });
    menu->addSeparator();
    menu->addAction(tr("Messages per partition as PNG…"), this, [this, bars] { exportChart(bars, QStringLiteral("png")); });
    menu->addAction(tr("Messages per partition as PDF…"), this, [this, bars] { exportChart(bars, QStringLiteral("pdf")); });
    menu->addAction(tr("Messages per partition as CSV…"), this, [this, bars] { exportChart(bars, QStringLiteral("csv")); });
    exportButton->setMenu(menu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Topic")));
    bar->addWidget(m_topicBox);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Watermarks over")));
    bar->addWidget(m_windowBox);
    bar->addStretch(1);
    bar->addWidget(exportButton);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PartitionTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("partitionTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PartitionTableModel::Partition, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_bars->setObjectName(QStringLiteral("messagesPerPartition"));
    m_bars->setValueLabel(tr("messages held"));
    m_skew->setObjectName(QStringLiteral("skewLabel"));
    auto *barBox = new QWidget;
    auto *barLayout = new QVBoxLayout(barBox);
    barLayout->setContentsMargins(0, 0, 0, 0);
    barLayout->addWidget(m_skew);
    barLayout->addWidget(m_bars, 1);

    m_chart->setObjectName(QStringLiteral("watermarkChart"));
    m_chart->setPaneLabel(0, tr("high watermark"));
    m_chart->addPane(tr("low watermark"));
    m_chart->setTimeWindow(300);
    m_chart->setClock(TimeChart::wallClock); // live: now at the right edge
    // Two panes share the height: fewer legend entries (the busiest), the rest on hover.
    m_chart->setLegendLimit(6);

    auto *charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(barBox);
    charts->addWidget(m_chart);
    charts->setStretchFactor(0, 2);
    charts->setStretchFactor(1, 3);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(charts);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    m_status->setObjectName(QStringLiteral("partitionsStatus"));
    m_problems->setObjectName(QStringLiteral("partitionsProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(Theme::errorStyleSheet());
    m_problems->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_problems);

    m_frame->setInterval(33);
    connect(m_frame, &QTimer::timeout, this, &PartitionsPanel::onFrame);
    connect(m_topicBox, &QComboBox::activated, this, [this] { setTopic(m_topicBox->currentText()); });
    connect(m_windowBox, &QComboBox::activated, this, [this] {
        const bool wasAll = m_chart->timeWindow() == 0;
        m_chart->setTimeWindow(m_windowBox->currentData().toDouble());
        m_chart->setFollow(true);
        if (wasAll || m_chart->timeWindow() == 0)
            rebuildSeries();
    });
    connect(m_chart, &TimeChart::pointClicked, this, &PartitionsPanel::onPointClicked);
    connect(session, &ClusterSession::snapshotChanged, this, &PartitionsPanel::onSnapshot);

    setTopic(topic);
    onSnapshot(session->snapshot());
}

PartitionsPanel::~PartitionsPanel() = default;

void PartitionsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_frame->start();
    onFrame();
}

void PartitionsPanel::hideEvent(QHideEvent *event)
{
    m_frame->stop();
    QWidget::hideEvent(event);
}

QString PartitionsPanel::statusText() const
{
    return m_status->text() + (m_problems->isVisible() ? u'\n' + m_problems->text() : QString());
}

void PartitionsPanel::setTopic(const QString &topic)
{
    m_topic = topic;
    if (!topic.isEmpty() && m_topicBox->findText(topic) < 0)
        m_topicBox->addItem(topic);
    m_topicBox->setCurrentIndex(topic.isEmpty() ? -1 : m_topicBox->findText(topic));
    const ClusterSnapshot s = m_session->snapshot();
    const TopicInfo *info = s.topic(topic);
    m_info = info ? *info : TopicInfo{topic, {}, {}};
    rebuildSeries();
    refreshTable();
}

void PartitionsPanel::onSnapshot(const ClusterSnapshot &snapshot)
{
    if (snapshot.fetchedAt.isNull())
        return;
    QStringList topics;
    for (const TopicInfo &t : snapshot.topics)
        if (!t.internal())
            topics << t.name;
    QStringList inBox;
    for (int i = 0; i < m_topicBox->count(); ++i)
        inBox << m_topicBox->itemText(i);
    if (topics != inBox) {
        QSignalBlocker block(m_topicBox);
        m_topicBox->clear();
        m_topicBox->addItems(topics);
        if (!m_topic.isEmpty() && !topics.contains(m_topic))
            m_topicBox->addItem(m_topic);
        m_topicBox->setCurrentIndex(m_topic.isEmpty() ? -1 : m_topicBox->findText(m_topic));
    }
    if (m_topic.isEmpty())
        return; // onFrame picks the busiest topic once offsets are known
    const TopicInfo *info = snapshot.topic(m_topic);
    const TopicInfo fresh = info ? *info : TopicInfo{m_topic, {}, {}};
    const bool partitionsChanged = fresh.partitions.size() != m_info.partitions.size();
    m_info = fresh;
    if (partitionsChanged)
        rebuildSeries();
    refreshTable();
}

void PartitionsPanel::rebuildSeries()
{
    m_feeder->removeAll();
    for (const PartitionInfo &p : m_info.partitions) {
        m_feeder->add(SeriesKey::partitionSeries(OffsetMetric::High, m_topic, p.id), 0, tr("p%1 high").arg(p.id));
        m_feeder->add(SeriesKey::partitionSeries(OffsetMetric::Low, m_topic, p.id), 1, tr("p%1 low").arg(p.id));
    }
    m_feeder->reload(m_chart->timeWindow() == 0 ? 0 : now() - 3600);
    m_lastReload = now();
    m_seenSequence = m_poller->history().sequence();
}

void PartitionsPanel::onFrame()
{
    const quint64 seq = m_poller->history().sequence();
    if (seq == m_seenSequence)
        return;
    m_seenSequence = seq;
    if (m_topic.isEmpty()) {
        // Opened without a topic: start on the one holding most messages; the selector switches.
        QHash<QString, qint64> held;
        for (const PartitionOffsetState &o : m_poller->history().latest().partitions)
            held[o.topic] += o.count();
        QString busiest;
        for (auto it = held.cbegin(); it != held.cend(); ++it)
            if (busiest.isEmpty() || it.value() > held.value(busiest) || (it.value() == held.value(busiest) && it.key() < busiest))
                busiest = it.key();
        if (!busiest.isEmpty())
            setTopic(busiest);
        return;
    }
    if (now() - m_lastReload > 300) {
        m_feeder->reload(m_chart->timeWindow() == 0 ? 0 : now() - 3600);
        m_lastReload = now();
    } else {
        m_feeder->pull();
    }
    refreshTable();
}

void PartitionsPanel::refreshTable()
{
    if (m_topic.isEmpty()) {
        m_model->clear();
        m_bars->setBars({}, {});
        m_skew->clear();
        m_status->setText(tr("Choose a topic to see its partitions."));
        m_problems->hide();
        return;
    }
    const OffsetsSnapshot latest = m_poller->history().latest();
    const QList<PartitionOffsetState> offsets = latest.topic(m_topic);
    m_model->setData(m_info, offsets);

    QStringList labels;
    QList<double> counts;
    double total = 0, top = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const PartitionOffsetState *o = m_model->offsetsAt(row);
        const double c = o && o->error.isEmpty() ? double(o->count()) : 0.0;
        labels << QString::number(m_model->partitionAt(row));
        counts << c;
        total += c;
        top = std::max(top, c);
    }
    if (counts != m_bars->values() || labels != m_bars->labels())
        m_bars->setBars(labels, counts);
    const double mean = counts.isEmpty() ? 0 : total / double(counts.size());
    m_skew->setText(mean > 0 ? tr("<b>Messages per partition</b> — busiest holds %1× the mean (dashed line)")
                                   .arg(top / mean, 0, 'f', 2)
                             : tr("<b>Messages per partition</b>"));

    QStringList problems;
    if (m_info.partitions.isEmpty())
        problems << (m_session->snapshot().topic(m_topic) ? tr("The topic has no partitions.")
                                                          : tr("Topic %1 does not exist (or is not visible).").arg(m_topic));
    int failed = 0;
    QString firstError;
    bool restarted = false;
    for (const PartitionOffsetState &o : offsets) {
        restarted |= o.restarted;
        if (!o.error.isEmpty() && failed++ == 0)
            firstError = tr("partition %1: %2").arg(o.partition).arg(o.error);
    }
    if (failed)
        problems << tr("%n partition(s) without watermarks this round, e.g. %1", nullptr, failed).arg(firstError);
    if (restarted)
        problems << tr("Offsets went backwards: the topic was deleted and recreated; its series restarted.");
    if (!latest.error.isEmpty())
        problems << tr("Offsets could not be read: %1").arg(latest.error);
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    if (latest.t == 0) {
        m_status->setText(tr("Waiting for the first offsets refresh…"));
        return;
    }
    double rate = 0;
    bool anyRate = false;
    for (const PartitionOffsetState &o : offsets)
        if (o.hasRate()) {
            rate += o.rate;
            anyRate = true;
        }
    m_status->setText(tr("%1 partitions · %2 messages held · %3 · updated %4")
                          .arg(m_info.partitions.size())
                          .arg(QLocale().toString(qint64(total)))
                          .arg(anyRate ? tr("%1 msg/s").arg(rate, 0, 'f', 1) : tr("rate after the next refresh"))
                          .arg(QDateTime::fromMSecsSinceEpoch(qint64(latest.t * 1000)).toString(QStringLiteral("HH:mm:ss"))));
}

void PartitionsPanel::onPointClicked(TimeChart::SeriesId id, double t, double v)
{
    if (!m_feeder->has(id))
        return;
    const SeriesKey key = m_feeder->key(id);
    const QString when = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000)).toString(QStringLiteral("HH:mm:ss"));
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("pointMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addSection(tr("Partition %1 at %2: offset %3").arg(key.partition).arg(when).arg(qint64(v)));
    QAction *open = menu->addAction(tr("Open messages of %1 partition %2 at %3").arg(key.topic).arg(key.partition).arg(when));
    open->setObjectName(QStringLiteral("openMessagesAction"));
    connect(open, &QAction::triggered, this,
            [this, key, t] { emit openMessagesRequested(key.topic, key.partition, qint64(t * 1000)); });
    menu->popup(QCursor::pos());
}

void PartitionsPanel::exportChart(const QString &what, const QString &format)
{
    const QString base = (m_topic.isEmpty() ? QStringLiteral("topic") : m_topic) + u'-' + what + u'.' + format;
    const ChartExport::Source source = what == u"bars" ? m_bars->exportSource() : m_chart->exportSource();
    ChartExport::ask(this, tr("Export"), base, source, ChartExport::formatOf(format));
}

} // namespace kafkascope
