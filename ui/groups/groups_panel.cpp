#include "groups/groups_panel.h"
#include "shell/theme.h"

#include "cluster/cluster_session.h"
#include "models/group_list_model.h"
#include "models/group_partition_model.h"
#include "groups/reset_offsets_dialog.h"
#include "topics/queue_topics.h"
#include "dim_item_delegate.h"
#include "time_chart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kafkascope {

GroupsPanel::GroupsPanel(ClusterSession *session, const QString &selectGroup, QWidget *parent)
    : QWidget(parent), m_session(session), m_monitor(GroupMonitor::forSession(session)),
      m_selected(selectGroup), m_note(new QLabel), m_groups(new GroupListModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_groupView(new QTableView),
      m_detailHeader(new QLabel), m_members(new QTreeWidget),
      m_partitions(new GroupPartitionModel(this)), m_partitionView(new QTableView),
      m_chart(new TimeChart), m_window(new QComboBox),
      m_resetButton(new QPushButton(tr("Reset offsets…")))
{
    setObjectName(QStringLiteral("groupsPanel"));
    m_note->setObjectName(QStringLiteral("groupsNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *watch = new QPushButton(tr("Watch group…"));
    watch->setObjectName(QStringLiteral("watchGroupButton"));
    watch->setToolTip(tr("Follow a group by id (for clusters that cannot list their groups)"));
    m_resetButton->setObjectName(QStringLiteral("resetOffsetsButton"));
    m_resetButton->setEnabled(false);
    auto *poll = new QSpinBox;
    poll->setObjectName(QStringLiteral("pollSpin"));
    poll->setRange(1, 60);
    poll->setValue(GroupMonitor::kDefaultPollMs / 1000);
    poll->setPrefix(tr("Poll every "));
    poll->setSuffix(tr(" s"));
    connect(poll, &QSpinBox::valueChanged, this, [this](int seconds) {
        QMetaObject::invokeMethod(
            m_monitor, [m = m_monitor, seconds] { m->setPollIntervalMs(seconds * 1000); });
    });
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_note, 1);
    bar->addWidget(poll);
    bar->addWidget(watch);
    bar->addWidget(m_resetButton);

    m_proxy->setSourceModel(m_groups);
    m_proxy->setSortRole(GroupListModel::SortRole);
    m_groupView->setObjectName(QStringLiteral("groupTable"));
    m_groupView->setModel(m_proxy);
    m_groupView->setSortingEnabled(true);
    m_groupView->sortByColumn(GroupListModel::Id, Qt::AscendingOrder);
    m_groupView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupView->verticalHeader()->hide();
    m_groupView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_groupView->horizontalHeader()->setStretchLastSection(true);
    m_groupView->setAlternatingRowColors(true);
    m_groupView->setItemDelegate(new DimItemDelegate(GroupListModel::StaleRole, m_groupView)); // stale rows greyed

    m_detailHeader->setObjectName(QStringLiteral("groupDetailHeader"));
    m_detailHeader->setWordWrap(true);
    m_detailHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_members->setObjectName(QStringLiteral("memberTree"));
    m_members->setHeaderLabels({tr("Member / assignment"), tr("Host"), tr("Member id")});
    m_members->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_partitionView->setObjectName(QStringLiteral("groupPartitionTable"));
    m_partitionView->setModel(m_partitions);
    m_partitionView->verticalHeader()->hide();
    m_partitionView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_partitionView->horizontalHeader()->setStretchLastSection(true);
    m_partitionView->setAlternatingRowColors(true);

    m_chart->setObjectName(QStringLiteral("lagChart"));
    m_chart->setPaneLabel(0, tr("Lag (messages)"));
    m_chart->setIncludeZero(0, true); // lag is a count: its axis starts at 0
    m_window->setObjectName(QStringLiteral("windowCombo"));
    const QList<QPair<QString, double>> windows{{tr("1 min"), 60},
                                                {tr("5 min"), 300},
                                                {tr("15 min"), 900},
                                                {tr("1 h"), 3600},
                                                {tr("All"), 0}};
    for (const auto &[label, seconds] : windows)
        m_window->addItem(label, seconds);
    m_window->setCurrentIndex(1);
    m_chart->setTimeWindow(300);
    m_chart->setClock(TimeChart::wallClock); // live: now at the right edge
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this] { m_chart->setTimeWindow(m_window->currentData().toDouble()); });
    auto *chartBar = new QHBoxLayout;
    chartBar->addWidget(new QLabel(tr("Window")));
    chartBar->addWidget(m_window);
    chartBar->addStretch(1);
    for (const QString &format :
         {QStringLiteral("PNG"), QStringLiteral("PDF"), QStringLiteral("CSV")}) {
        auto *b = new QPushButton(tr("Export %1…").arg(format));
        b->setObjectName(QStringLiteral("export%1Button").arg(format));
        connect(b, &QPushButton::clicked, this, [this, format] { exportChart(format); });
        chartBar->addWidget(b);
    }

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_detailHeader);
    auto *tables = new QSplitter(Qt::Vertical);
    tables->addWidget(m_members);
    tables->addWidget(m_partitionView);
    tables->setStretchFactor(0, 1);
    tables->setStretchFactor(1, 3);
    tables->setSizes({120, 360});
    leftLayout->addWidget(tables, 1);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_chart, 1);
    rightLayout->addLayout(chartBar);
    auto *detail = new QSplitter(Qt::Horizontal);
    detail->addWidget(left);
    detail->addWidget(right);
    detail->setStretchFactor(0, 5);
    detail->setStretchFactor(1, 4);
    detail->setSizes({600, 480});
    auto *main = new QSplitter(Qt::Vertical);
    main->addWidget(m_groupView);
    main->addWidget(detail);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(main, 1);

    connect(watch, &QPushButton::clicked, this, &GroupsPanel::askWatchGroup);
    connect(m_resetButton, &QPushButton::clicked, this, &GroupsPanel::openResetDialog);
    connect(m_groupView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &GroupsPanel::onSelectionChanged);
    connect(m_monitor, &GroupMonitor::reportReady, this, [this](const GroupsReport &r) {
        if (!isVisible()) {
            m_pending = true; // hidden: no model or chart work until shown
            return;
        }
        applyReport(r);
    });

    if (session->profile().demo && m_selected.isEmpty())
        m_selected = QStringLiteral("tb-rule-engine"); // the one that falls behind
    if (!m_selected.isEmpty()) {
        watchGroup(m_selected);
        QMetaObject::invokeMethod(m_monitor,
                                  [m = m_monitor, g = m_selected] { m->setFocusGroup(g); });
    }
    // The session's monitor has been polling since the session (or another panel) first
    // asked: what it already knows, lag history included, shows at once.
    QTimer::singleShot(0, this, [this] {
        if (const GroupsReport r = m_monitor->report(); r.at.isValid())
            applyReport(r);
    });
}

GroupsPanel::~GroupsPanel()
{
    // The monitor is the session's and keeps polling (the alerts and the Overview read it
    // too): only cut it off from this panel and stop computing lag in time for our group.
    disconnect(m_monitor, nullptr, this, nullptr);
    QMetaObject::invokeMethod(m_monitor, [m = m_monitor] { m->setFocusGroup(QString()); },
                              Qt::QueuedConnection);
}

void GroupsPanel::watchGroup(const QString &id)
{
    QMetaObject::invokeMethod(m_monitor, [m = m_monitor, id] {
        m->watchGroup(id);
        m->pollNow();
    });
}

void GroupsPanel::selectGroup(const QString &id)
{
    const int row = m_groups->rowOf(id);
    if (row < 0) {
        m_selected = id; // selected when it shows up
        watchGroup(id);
        return;
    }
    m_groupView->selectRow(m_proxy->mapFromSource(m_groups->index(row, 0)).row());
}

void GroupsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_pending) {
        m_pending = false;
        applyReport(m_monitor->report());
    }
}

void GroupsPanel::applyReport(const GroupsReport &report)
{
    QStringList notes;
    if (!report.error.isEmpty())
        notes << report.error;
    QDateTime staleSince;
    for (const GroupSummary &g : report.groups)
        if (g.staleSince.isValid() && (!staleSince.isValid() || g.staleSince < staleSince))
            staleSince = g.staleSince;
    if (staleSince.isValid())
        notes << tr("Figures are stale: the broker has not answered since %1; greyed rows show that reading.")
                     .arg(staleSince.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    if (m_session->profile().demo) {
        notes << GroupMonitor::demoLimitation();
    } else {
        if (!report.listError.isEmpty())
            notes << report.listError;
        if (!report.describeError.isEmpty())
            notes << tr("Groups cannot be described (members and state unknown): %1")
                         .arg(report.describeError);
    }
    m_note->setText(notes.join(u'\n'));
    m_note->setStyleSheet(report.error.isEmpty() && !staleSince.isValid() ? QStringLiteral("color: palette(mid);")
                                                 : Theme::errorStyleSheet());

    const QString keep = m_selected;
    {
        const QSignalBlocker block(m_groupView->selectionModel());
        m_groups->setGroups(report.groups);
        const int row = m_groups->rowOf(keep);
        if (row >= 0)
            m_groupView->selectRow(m_proxy->mapFromSource(m_groups->index(row, 0)).row());
    }
    if (m_groups->rowOf(keep) >= 0 && m_selected != keep)
        m_selected = keep;
    const int selectedRow = m_groups->rowOf(m_selected);
    // Share/streams groups keep no consumer offsets that AlterConsumerGroupOffsets could reset.
    m_resetButton->setEnabled(selectedRow >= 0 &&
                              m_groups->groups()[selectedRow].type != GroupType::Other);
    showDetail(report);
    pullChart();
}

void GroupsPanel::showDetail(const GroupsReport &report)
{
    const int row = m_groups->rowOf(m_selected);
    if (row < 0) {
        m_detailHeader->setText(m_selected.isEmpty()
                                    ? tr("Select a group to see its partitions and lag over time")
                                    : tr("Waiting for group %1…").arg(m_selected));
        m_partitions->setPartitions({});
        m_members->clear();
        return;
    }
    const GroupSummary &g = m_groups->groups()[row];
    const QString colour = GroupListModel::healthColor(g.health.verdict).name();
    QString header =
        QStringLiteral("<b>%1</b> &nbsp; <span style='color:%2'>● %3</span>: %4")
            .arg(g.id.toHtmlEscaped(), colour, GroupHealthEvaluator::verdictName(g.health.verdict),
                 (g.error.isEmpty() ? g.health.reason : g.error).toHtmlEscaped());
    QStringList facts;
    facts << tr("type %1").arg(m_groups->index(row, GroupListModel::Type).data().toString());
    if (g.type == GroupType::Other) {
        // Nothing below could be true for it: say why instead of showing "Dead".
        m_detailHeader->setText(header + QStringLiteral("<br>") +
                                facts.join(QString()).toHtmlEscaped());
        m_partitions->setPartitions({});
        m_members->clear();
        auto *item = new QTreeWidgetItem(m_members, {GroupMonitor::undescribableReason()});
        item->setDisabled(true);
        return;
    }
    facts << tr("state %1").arg(g.state.isEmpty() ? tr("unknown") : g.state);
    if (!g.assignor.isEmpty())
        facts << tr("assignor %1").arg(g.assignor);
    if (g.members >= 0) // only a description tells the protocol
        facts << (g.simple                           ? tr("simple (no group protocol)")
                  : g.type == GroupType::Consumer ? tr("consumer protocol (KIP-848)")
                                                     : tr("consumer protocol"));
    if (g.productionRate >= 0)
        facts << tr("produced into its partitions %1 msg/s")
                     .arg(QLocale().toString(g.productionRate, 'f', 1));
    // A queue spread over numbered topics (tb_rule_engine.main.0, .1, …) is one line.
    for (const QueueLag &q : rollUpQueueLag(g.topicLag))
        facts << (q.topics > 1 ? tr("queue %1 (%2 topics): lag %3").arg(q.name).arg(q.topics).arg(QLocale().toString(q.lag))
                               : tr("%1: lag %2").arg(q.name, QLocale().toString(q.lag)));
    header += QStringLiteral("<br>") + facts.join(QStringLiteral(" · ")).toHtmlEscaped();
    m_detailHeader->setText(header);

    if (report.focus.id != m_selected)
        return; // the monitor has not looked at it in detail yet
    m_partitions->setPartitions(report.focus.partitions);
    m_members->clear();
    if (g.members < 0) {
        auto *item = new QTreeWidgetItem(
            m_members, {tr("Members unknown: the cluster cannot describe groups")});
        item->setDisabled(true);
    } else if (report.focus.members.isEmpty()) {
        new QTreeWidgetItem(m_members, {tr("No active members")});
    }
    for (const GroupMember &m : report.focus.members) {
        auto *item = new QTreeWidgetItem(m_members, {m.clientId, m.host, m.memberId});
        for (const auto &[topic, partition] : m.assignment)
            new QTreeWidgetItem(item, {QStringLiteral("%1 [%2]").arg(topic).arg(partition)});
        // A consumer group's member moving to another assignment shows where it is going.
        if (m.hasTarget && m.targetAssignment != m.assignment) {
            QStringList target;
            for (const auto &[topic, partition] : m.targetAssignment)
                target << QStringLiteral("%1 [%2]").arg(topic).arg(partition);
            new QTreeWidgetItem(item, {tr("target: %1").arg(target.isEmpty() ? tr("none")
                                                                             : target.join(u", "))});
        }
        item->setExpanded(true);
    }
}

void GroupsPanel::resetChart()
{
    for (int id : m_chart->seriesIds())
        m_chart->removeSeries(id);
    m_seriesOf.clear();
    m_seriesNext.clear();
}

void GroupsPanel::pullChart()
{
    if (m_selected.isEmpty())
        return;
    QStringList keys{QString()};
    // One line per topic only when there is more than one: otherwise it would hide the total.
    if (const QStringList topics = m_monitor->lagTopics(m_selected); topics.size() > 1)
        keys += topics;
    std::vector<SeriesPoint> points;
    QVector<double> t, v;
    for (const QString &key : std::as_const(keys)) {
        if (!m_seriesOf.contains(key))
            m_seriesOf.insert(key, m_chart->addSeries(0, key.isEmpty() ? tr("Total lag") : key));
        points.clear();
        m_seriesNext[key] =
            m_monitor->copyLagSince(m_selected, key, m_seriesNext.value(key), points);
        if (points.empty())
            continue;
        t.resize(qsizetype(points.size()));
        v.resize(qsizetype(points.size()));
        for (size_t i = 0; i < points.size(); ++i) {
            t[qsizetype(i)] = points[i].t;
            v[qsizetype(i)] = points[i].v;
        }
        m_chart->appendPoints(m_seriesOf.value(key), t, v);
    }
    m_chart->requestReplot();
}

void GroupsPanel::onSelectionChanged()
{
    const QModelIndexList rows = m_groupView->selectionModel()->selectedRows();
    const QString id =
        rows.isEmpty() ? QString() : rows.first().data(GroupListModel::GroupIdRole).toString();
    if (id.isEmpty() || id == m_selected)
        return;
    m_selected = id;
    resetChart();
    m_partitions->setPartitions({});
    m_members->clear();
    const int row = m_groups->rowOf(id);
    m_resetButton->setEnabled(row >= 0 && m_groups->groups()[row].type != GroupType::Other);
    QMetaObject::invokeMethod(m_monitor, [m = m_monitor, id] {
        m->setFocusGroup(id);
        m->pollNow();
    });
    showDetail(m_monitor->report());
    pullChart();
}

void GroupsPanel::askWatchGroup()
{
    bool ok = false;
    const QString id =
        QInputDialog::getText(this, tr("Watch consumer group"),
                              tr("Group id (its committed offsets are read; it is never joined):"),
                              QLineEdit::Normal, {}, &ok)
            .trimmed();
    if (ok && !id.isEmpty())
        selectGroup(id);
}

void GroupsPanel::openResetDialog()
{
    if (m_selected.isEmpty())
        return;
    QStringList topics;
    const int row = m_groups->rowOf(m_selected);
    if (row >= 0)
        for (const auto &[topic, lag] : m_groups->groups()[row].topicLag)
            topics << topic;
    auto *dialog = new ResetOffsetsDialog(m_session, m_selected, topics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResetOffsetsDialog::applied, this, [this] {
        QMetaObject::invokeMethod(m_monitor, &GroupMonitor::pollNow, Qt::QueuedConnection);
    });
    dialog->open();
}

void GroupsPanel::exportChart(const QString &format)
{
    ChartExport::ask(this, tr("Export lag chart"), QStringLiteral("lag-%1.%2").arg(m_selected, format.toLower()),
                     m_chart->exportSource(), ChartExport::formatOf(format));
}

} // namespace kafkascope
