#include "overview/overview_panel.h"

#include "cluster/cluster_session.h"
#include "groups/group_monitor.h"
#include "overview/broker_config_dialog.h"
#include "demo/demo_cluster.h"
#include "models/broker_table_model.h"
#include "sparkline.h"
#include "status_badge.h"
#include "telemetry/telemetry_ingest.h"
#include "telemetry/telemetry_store.h"
#include "throughput/offset_poller.h"

#include <QDateTime>
#include <QGridLayout>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QLocale>
#include <QMap>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace kafkascope {

namespace {
constexpr int kTickMs = 1000;
constexpr double kTrendSeconds = 60; // a group's lag trend compares with a minute ago

double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

QString link(const QString &href, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(href.toHtmlEscaped(), text.toHtmlEscaped());
}

QString rateText(double rate)
{
    return QLocale().toString(rate, 'f', rate < 10 ? 1 : 0);
}

QString coloured(StatusBadge::Tone tone, const QString &html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(StatusBadge::color(tone).name(), html);
}
} // namespace

OverviewPanel::OverviewPanel(ClusterSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_poller(OffsetPoller::forSession(session)),
      m_bootstrap(session->profile().bootstrapServers), m_badge(new StatusBadge), m_error(new QLabel),
      m_clusterId(new QLabel), m_updated(new QLabel), m_spark(new Sparkline), m_brokers(new BrokerTableModel(this)), m_brokerView(new QTableView),
      m_brokerConfigButton(new QPushButton(tr("Broker &configuration…"))), m_tick(new QTimer(this)),
      m_monitor(GroupMonitor::forSession(session))
{
    setObjectName(QStringLiteral("overviewPanel"));
    buildUi(session->profile().name);

    connect(session, &ClusterSession::statusChanged, this, &OverviewPanel::showStatus);
    connect(session, &ClusterSession::snapshotChanged, this, &OverviewPanel::showSnapshot);
    connect(m_poller, &OffsetPoller::refreshed, this, [this] {
        if (isVisible())
            refreshLive();
    });
    m_tick->setInterval(kTickMs); // the sparkline slides and devices turn stale between polls
    connect(m_tick, &QTimer::timeout, this, &OverviewPanel::refreshLive);

    // The groups tile reads the session's monitor, which polls whether or not the Groups
    // panel is open; what it already holds shows at once.
    connect(m_monitor, &GroupMonitor::reportReady, this, &OverviewPanel::showGroups);
    QTimer::singleShot(0, this, [this] {
        if (const GroupsReport r = m_monitor->report(); r.at.isValid())
            showGroups(r);
    });

    showStatus(session->status());
    showSnapshot(session->snapshot());
}

OverviewPanel::~OverviewPanel() = default; // the monitor is the session's: nothing to wait for

QLabel *OverviewPanel::addTile(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(label, &QLabel::linkActivated, this, &OverviewPanel::activateLink);
    return label;
}

void OverviewPanel::buildUi(const QString &clusterName)
{
    m_badge->setObjectName(QStringLiteral("connectionBadge"));
    m_error->setObjectName(QStringLiteral("connectionError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(StatusBadge::color(StatusBadge::Tone::Bad).name()));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_updated->setObjectName(QStringLiteral("updatedLabel"));
    m_clusterId->setObjectName(QStringLiteral("clusterIdLabel"));

    auto *title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(clusterName.toHtmlEscaped()));
    title->setTextFormat(Qt::RichText);
    title->setMinimumWidth(1); // a long name must not widen the window
    auto *header = new QGridLayout;
    header->addWidget(title, 0, 0, 1, 2);
    header->addWidget(m_badge, 1, 0);
    header->addWidget(m_updated, 1, 1, Qt::AlignRight);
    header->addWidget(m_clusterId, 2, 0, 1, 2);
    header->addWidget(m_error, 3, 0, 1, 2);

    m_health = addTile(QStringLiteral("healthLine"));
    m_throughput = addTile(QStringLiteral("throughputTile"));
    m_spark->setObjectName(QStringLiteral("throughputSparkline"));
    m_spark->setToolTip(tr("Messages/s of the whole cluster over the last %1 minutes").arg(int(kSparkSeconds / 60)));
    m_busiest = addTile(QStringLiteral("busiestTopicsTile"));
    m_lagging = addTile(QStringLiteral("laggingGroupsTile"));
    m_devices = addTile(QStringLiteral("devicesTile"));

    auto frame = [](QWidget *content, QWidget *extra = nullptr) {
        auto *box = new QFrame;
        box->setFrameShape(QFrame::StyledPanel);
        auto *l = new QVBoxLayout(box);
        l->addWidget(content);
        if (extra)
            l->addWidget(extra);
        l->addStretch(1);
        box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
        return box;
    };
    auto *tiles = new QGridLayout;
    tiles->setSpacing(10);
    tiles->addWidget(frame(m_throughput, m_spark), 0, 0);
    tiles->addWidget(frame(m_lagging), 0, 1);
    tiles->addWidget(frame(m_busiest), 1, 0);
    tiles->addWidget(frame(m_devices), 1, 1);
    tiles->setColumnStretch(0, 1);
    tiles->setColumnStretch(1, 1);

    auto *figures = new QGridLayout;
    figures->setHorizontalSpacing(12);
    m_brokerCount = addFigure(tr("Brokers"), QStringLiteral("brokerCount"), QString());
    m_topicCount = addFigure(tr("Topics"), QStringLiteral("topicCount"), QStringLiteral("topics:"));
    m_partitionCount = addFigure(tr("Partitions"), QStringLiteral("partitionCount"), QStringLiteral("partitions:"));
    m_underReplicated = addFigure(tr("Under-replicated"), QStringLiteral("underReplicatedCount"), QStringLiteral("topics:"));
    m_offline = addFigure(tr("Offline"), QStringLiteral("offlineCount"), QStringLiteral("topics:"));
    m_groupCount = addFigure(tr("Consumer groups"), QStringLiteral("groupCount"), QStringLiteral("groups:"));
    for (int i = 0; i < m_figureBoxes.size(); ++i)
        figures->addWidget(m_figureBoxes[i], 0, i);

    m_brokerView->setObjectName(QStringLiteral("brokerTable"));
    m_brokerView->setModel(m_brokers);
    m_brokerView->verticalHeader()->hide();
    m_brokerView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_brokerView->horizontalHeader()->setSectionResizeMode(BrokerTableModel::Address, QHeaderView::Stretch);
    m_brokerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_brokerView->setAlternatingRowColors(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_health);
    layout->addLayout(tiles); // as tall as their contents; the broker table takes the rest
    layout->addLayout(figures);
    auto *brokersTitle = new QHBoxLayout;
    brokersTitle->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Brokers"))));
    brokersTitle->addStretch();
    brokersTitle->addWidget(m_brokerConfigButton);
    layout->addLayout(brokersTitle);
    layout->addWidget(m_brokerView, 1);

    // A broker's configuration: double-click its row, or select it and press the button.
    m_brokerConfigButton->setObjectName(QStringLiteral("brokerConfigButton"));
    m_brokerConfigButton->setToolTip(tr("The selected broker's configuration (read-only)"));
    m_brokerConfigButton->setEnabled(false);
    auto brokerAt = [this](const QModelIndex &index) {
        return m_brokers->index(index.row(), BrokerTableModel::Id).data(Qt::DisplayRole).toInt();
    };
    connect(m_brokerView, &QTableView::doubleClicked, this,
            [this, brokerAt](const QModelIndex &index) { showBrokerConfig(brokerAt(index)); });
    connect(m_brokerView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_brokerConfigButton->setEnabled(m_brokerView->selectionModel()->hasSelection()); });
    connect(m_brokerConfigButton, &QPushButton::clicked, this, [this, brokerAt] {
        const QModelIndexList rows = m_brokerView->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            showBrokerConfig(brokerAt(rows.first()));
    });

}

BrokerConfigDialog *OverviewPanel::showBrokerConfig(int brokerId)
{
    for (auto *open : findChildren<BrokerConfigDialog *>(Qt::FindDirectChildrenOnly)) {
        if (open->brokerId() == brokerId) {
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    auto *dialog = new BrokerConfigDialog(m_session, brokerId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QLabel *OverviewPanel::addFigure(const QString &title, const QString &objectName, const QString &target)
{
    auto *box = addTile(objectName);
    box->setFrameShape(QFrame::StyledPanel);
    box->setAlignment(Qt::AlignCenter);
    box->setMinimumWidth(110);
    box->setProperty("title", title);
    box->setProperty("link", target);
    box->setText(QStringLiteral("<div style='font-size:18pt'>–</div><div>%1</div>").arg(title.toHtmlEscaped()));
    m_figureBoxes << box;
    return box;
}

namespace {
void setFigure(QLabel *box, int value, bool alarming = false)
{
    const QString colour = alarming && value > 0
                               ? QStringLiteral("color:%1;").arg(StatusBadge::color(StatusBadge::Tone::Bad).name())
                               : QString();
    const QString title = box->property("title").toString().toHtmlEscaped();
    const QString target = box->property("link").toString();
    box->setText(QStringLiteral("<div style='font-size:18pt;%1'>%2</div><div>%3</div>")
                     .arg(colour, QLocale().toString(value), target.isEmpty() ? title : link(target, box->property("title").toString())));
    box->setProperty("value", value);
}
} // namespace

void OverviewPanel::showGroupTypes(const QList<GroupListing> &groups)
{
    // Counted per type in a fixed order, so "2 classic · 1 consumer" reads the same each time.
    QMap<int, int> counts;
    for (const GroupListing &g : groups)
        ++counts[int(g.type)];
    QStringList parts;
    for (const GroupType t :
         {GroupType::Classic, GroupType::Consumer, GroupType::Other, GroupType::Unknown})
        if (const int n = counts.value(int(t)); n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(groupTypeName(t));
    const QString types = parts.join(QStringLiteral(" · "));
    m_groupCount->setProperty("types", types);
    if (!types.isEmpty())
        m_groupCount->setText(m_groupCount->text() +
                              QStringLiteral("<div style='font-size:8pt'>%1</div>").arg(types));
    m_groupCount->setToolTip(counts.value(int(GroupType::Other))
                                 ? GroupMonitor::undescribableReason()
                                 : QString());
}

void OverviewPanel::activateLink(const QString &target)
{
    const qsizetype colon = target.indexOf(u':');
    if (colon <= 0)
        return;
    emit openPanelRequested(target.left(colon), target.mid(colon + 1));
}

QString OverviewPanel::statusText() const
{
    return m_badge->text();
}

QString OverviewPanel::healthText() const
{
    return m_health->text();
}

void OverviewPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_tick->start();
    refreshLive();
}

void OverviewPanel::hideEvent(QHideEvent *event)
{
    m_tick->stop(); // a hidden dashboard does no work; the monitor and poller go on
    QWidget::hideEvent(event);
}

void OverviewPanel::showStatus(const SessionStatus &st)
{
    m_status = st;
    StatusBadge::Tone tone = StatusBadge::Tone::Neutral;
    switch (st.state) {
    case SessionState::Connected: tone = StatusBadge::Tone::Good; break;
    case SessionState::Connecting: tone = StatusBadge::Tone::Busy; break;
    case SessionState::Degraded: tone = StatusBadge::Tone::Warning; break;
    case SessionState::Disconnected:
        tone = st.lastError.isEmpty() ? StatusBadge::Tone::Neutral : StatusBadge::Tone::Bad;
        break;
    }
    QString text = describe(st) + QStringLiteral("  ·  ") + m_bootstrap;
    m_badge->setStatus(tone, text, st.lastError);
    m_error->setText(st.lastError);
    m_error->setVisible(!st.lastError.isEmpty());
    showHealth();
}

void OverviewPanel::showSnapshot(const ClusterSnapshot &s)
{
    if (s.fetchedAt.isNull())
        return;
    m_snapshot = s;
    m_brokers->setSnapshot(s);
    setFigure(m_brokerCount, int(s.brokers.size()));
    int userTopics = 0;
    for (const TopicInfo &t : s.topics)
        userTopics += t.internal() ? 0 : 1;
    setFigure(m_topicCount, userTopics);
    setFigure(m_partitionCount, s.partitionCount());
    setFigure(m_underReplicated, s.underReplicatedCount(), true);
    setFigure(m_offline, s.offlineCount(), true);
    setFigure(m_groupCount, int(s.groups.size()));
    showGroupTypes(s.groups);
    QStringList ids;
    if (!s.clusterId.isEmpty())
        ids << tr("Cluster id: %1").arg(s.clusterId);
    if (s.controllerId >= 0)
        ids << tr("Controller: broker %1").arg(s.controllerId);
    else if (m_session->profile().demo) // librdkafka's mock answers controller 0, no broker
        ids << tr("Controller: none (the demo's mock cluster runs no controller)");
    m_clusterId->setText(ids.join(QStringLiteral("   ·   ")));
    m_clusterId->setVisible(!ids.isEmpty());
    m_updated->setText(tr("Metadata of %1").arg(s.fetchedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    showHealth();
    startTelemetry(s);
}

void OverviewPanel::showHealth()
{
    using Tone = StatusBadge::Tone;
    if (m_snapshot.fetchedAt.isNull()) {
        m_health->setText(tr("Waiting for the cluster's metadata…"));
        return;
    }
    QStringList problems;
    const QString since = m_snapshot.fetchedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (m_status.state == SessionState::Disconnected || m_status.state == SessionState::Connecting)
        problems << tr("no answer from the cluster: these figures are stale since %1").arg(since);
    else if (m_status.state == SessionState::Degraded && !m_status.lastError.isEmpty())
        problems << m_status.lastError; // the session's reason: brokers down, partitions offline
    QStringList under, offline;
    for (const TopicInfo &t : m_snapshot.topics)
        for (const PartitionInfo &p : t.partitions) {
            const QString name = QStringLiteral("%1[%2]").arg(t.name).arg(p.id);
            if (p.offline())
                offline << name;
            else if (p.underReplicated())
                under << tr("%1 (ISR %2 of %3)").arg(name).arg(p.isr.size()).arg(p.replicas.size());
        }
    auto firstFew = [](const QStringList &l) {
        return l.size() <= 3 ? l.join(QStringLiteral(", "))
                             : QStringList(l.mid(0, 3)).join(QStringLiteral(", ")) + QStringLiteral(", …");
    };
    if (!offline.isEmpty() && !problems.join(u' ').contains(QStringLiteral("offline")))
        problems << tr("%n partition(s) offline (no leader): %1", nullptr, int(offline.size())).arg(firstFew(offline));
    if (!under.isEmpty())
        problems << tr("%n partition(s) under-replicated: %1", nullptr, int(under.size())).arg(firstFew(under));
    if (problems.isEmpty()) {
        m_health->setText(coloured(Tone::Good, QStringLiteral("● ")) +
                          tr("<b>Healthy</b>: %n broker(s) up, every one of %1 partitions led and in sync · %2",
                             nullptr, int(m_snapshot.brokers.size()))
                              .arg(m_snapshot.partitionCount())
                              .arg(link(QStringLiteral("topics:"), tr("Topics"))));
        return;
    }
    QStringList escaped;
    for (const QString &p : std::as_const(problems))
        escaped << p.toHtmlEscaped();
    m_health->setText(coloured(Tone::Bad, QStringLiteral("● <b>%1</b>: ").arg(tr("Attention")) + escaped.join(QStringLiteral("; ")))
                      + QStringLiteral(" · ") + link(QStringLiteral("topics:"), tr("Topics")));
}

void OverviewPanel::refreshLive()
{
    refreshThroughput();
    refreshDevices();
}

void OverviewPanel::refreshThroughput()
{
    const OffsetsSnapshot latest = m_poller->history().latest();
    const double now = nowSeconds();
    const std::vector<SeriesPoint> points = m_poller->history().series(SeriesKey::cluster(), now - kSparkSeconds);
    std::vector<double> t, v;
    t.reserve(points.size());
    v.reserve(points.size());
    for (const SeriesPoint &p : points) {
        t.push_back(p.t);
        v.push_back(p.v);
    }
    m_spark->setPoints(std::move(t), std::move(v), now, kSparkSeconds);
    const QString more = link(QStringLiteral("throughput:"), tr("Throughput ›"));
    if (latest.t == 0 || std::isnan(latest.clusterRate)) {
        m_rateNow = -1;
        m_throughput->setText(tr("<b>Throughput</b><br><span style='font-size:18pt'>–</span> %1<br>%2")
                                  .arg(latest.t == 0 ? tr("waiting for two offset polls") : tr("no rate this poll: %1").arg(latest.error.toHtmlEscaped()), more));
    } else {
        m_rateNow = latest.clusterRate;
        const QString age = QDateTime::fromMSecsSinceEpoch(qint64(latest.t * 1000)).toString(QStringLiteral("HH:mm:ss"));
        m_throughput->setText(tr("<b>Throughput</b> of the whole cluster, last %1 min<br>"
                                 "<span style='font-size:18pt'>%2</span> msg/s now (at %3) · %4")
                                  .arg(int(kSparkSeconds / 60))
                                  .arg(rateText(latest.clusterRate), age, more));
    }

    // The busiest topics: the highest rate now, then the most held.
    struct Row
    {
        QString topic;
        double rate;
        qint64 held;
    };
    QHash<QString, qint64> held;
    for (const PartitionOffsetState &p : latest.partitions)
        held[p.topic] += p.count();
    QList<Row> rows;
    for (auto it = held.cbegin(); it != held.cend(); ++it)
        rows.append({it.key(), latest.topicRates.value(it.key(), 0), it.value()});
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.rate != b.rate ? a.rate > b.rate : a.held != b.held ? a.held > b.held : a.topic < b.topic;
    });
    m_busiestShown.clear();
    QString html = tr("<b>Busiest topics</b>");
    if (rows.isEmpty())
        html += QStringLiteral("<br>") + tr("waiting for the first offsets poll");
    for (qsizetype i = 0; i < rows.size() && i < kTopRows; ++i) {
        m_busiestShown << rows[i].topic;
        html += QStringLiteral("<br>%1 — %2 msg/s · %3 held · %4")
                    .arg(link(QStringLiteral("partitions:") + rows[i].topic, rows[i].topic), rateText(rows[i].rate),
                         QLocale().toString(rows[i].held), link(QStringLiteral("browser:") + rows[i].topic, tr("messages")));
    }
    m_busiest->setText(html);
}

void OverviewPanel::showGroups(const GroupsReport &report)
{
    struct Row
    {
        GroupSummary g;
        double trend; // messages of lag gained (+) or shed (-) over the trend window; NaN unknown
    };
    QList<Row> rows;
    for (const GroupSummary &g : report.groups)
        rows.append({g, std::nan("")});
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.g.totals.lag != b.g.totals.lag ? a.g.totals.lag > b.g.totals.lag : a.g.id < b.g.id;
    });
    if (rows.size() > kTopRows)
        rows.resize(kTopRows);
    for (Row &r : rows) {
        std::vector<SeriesPoint> lag;
        m_monitor->copyLagSince(r.g.id, QString(), 0, lag);
        if (lag.size() >= 2) {
            const SeriesPoint &last = lag.back();
            auto before = std::find_if(lag.rbegin(), lag.rend(),
                                       [&](const SeriesPoint &p) { return p.t <= last.t - kTrendSeconds; });
            const SeriesPoint &then = before != lag.rend() ? *before : lag.front();
            if (last.t > then.t)
                r.trend = last.v - then.v;
        }
    }
    m_laggingShown.clear();
    QString html = tr("<b>Consumer groups with the most lag</b>");
    if (!report.error.isEmpty())
        html += QStringLiteral("<br>") + coloured(StatusBadge::Tone::Bad, report.error.toHtmlEscaped());
    else if (rows.isEmpty())
        html += QStringLiteral("<br>") + (report.listError.isEmpty() ? tr("no consumer groups") : report.listError.toHtmlEscaped());
    for (const Row &r : std::as_const(rows)) {
        m_laggingShown << r.g.id;
        QString lag = r.g.totals.partitions > 0 ? tr("lag %1").arg(QLocale().toString(r.g.totals.lag)) : tr("no commits yet");
        QString trend;
        if (!std::isnan(r.trend)) {
            const QString amount = QLocale().toString(qint64(std::abs(r.trend)));
            trend = r.trend > 0   ? coloured(StatusBadge::Tone::Warning, tr("↑ +%1 in the last minute").arg(amount))
                    : r.trend < 0 ? coloured(StatusBadge::Tone::Good, tr("↓ −%1 in the last minute").arg(amount))
                                  : tr("→ steady");
        }
        const QString stale = r.g.staleSince.isValid()
                                  ? tr(" (stale since %1)").arg(r.g.staleSince.toLocalTime().toString(QStringLiteral("HH:mm:ss")))
                                  : QString();
        html += QStringLiteral("<br>%1 — %2 %3 · %4%5")
                    .arg(link(QStringLiteral("groups:") + r.g.id, r.g.id), lag, trend,
                         GroupHealthEvaluator::verdictName(r.g.health.verdict), stale.toHtmlEscaped());
    }
    m_lagging->setText(html);
}

QStringList OverviewPanel::telemetryTopics(const ClusterSnapshot &s) const
{
    QStringList out;
    if (m_session->profile().demo) { // the demo knows which of its topics carry telemetry
        for (const QString &t : DemoCluster::telemetryTopics())
            if (s.topic(t))
                out << t;
        return out;
    }
    for (const TopicInfo &t : s.topics)
        if (!t.internal() && t.name.contains(QStringLiteral("telemetry"), Qt::CaseInsensitive))
            out << t.name;
    return out;
}

void OverviewPanel::startTelemetry(const ClusterSnapshot &s)
{
    const QStringList topics = telemetryTopics(s);
    if (topics.isEmpty() || (m_ingest && m_ingest->config().topics == topics))
        return;
    if (!m_telemetry) {
        m_telemetry = std::make_shared<TelemetryStore>();
        m_telemetry->setRetention(64, 600); // the tile counts devices; it draws no values
        m_ingest = new TelemetryIngest(m_session->profile(), m_telemetry, this);
    }
    IngestConfig c;
    c.topics = topics;
    c.start = TelemetryStart::MinutesAgo; // devices that spoke lately are known at once
    c.minutesAgo = 10;
    m_telemetry->clear();
    m_ingest->start(c);
}

void OverviewPanel::refreshDevices()
{
    if (!m_telemetry) {
        m_deviceCount = -1;
        m_devices->setText(tr("<b>Devices</b><br>No telemetry topics in this cluster (a topic named like "
                              "“…telemetry…” is read for device data)."));
        return;
    }
    const QList<DeviceSummary> devices = m_telemetry->devices();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 staleMs = m_telemetry->staleMs();
    QStringList stale;
    for (const DeviceSummary &d : devices)
        if (nowMs - d.lastDataMs > staleMs)
            stale << d.name;
    m_deviceCount = int(devices.size());
    m_staleCount = int(stale.size());
    std::sort(stale.begin(), stale.end());
    QString html = tr("<b>Devices</b> on %1<br><span style='font-size:18pt'>%2</span> device(s) · ")
                       .arg(m_ingest->config().topics.join(QStringLiteral(", ")).toHtmlEscaped())
                       .arg(QLocale().toString(m_deviceCount));
    html += stale.isEmpty() ? coloured(StatusBadge::Tone::Good, tr("none stale"))
                            : coloured(StatusBadge::Tone::Warning,
                                       tr("%n stale (no data for %1 s): ", nullptr, m_staleCount).arg(staleMs / 1000)
                                           + QStringList(stale.mid(0, 3)).join(QStringLiteral(", ")).toHtmlEscaped()
                                           + (stale.size() > 3 ? QStringLiteral(", …") : QString()));
    html += QStringLiteral(" · ") + link(QStringLiteral("telemetry:"), tr("Telemetry ›"));
    m_devices->setText(html);
}

} // namespace kafkascope
