#include "overview/overview_panel.h"

#include "models/broker_table_model.h"
#include "cluster/cluster_session.h"
#include "groups/group_monitor.h"
#include "overview/broker_config_dialog.h"
#include "status_badge.h"

#include <QMap>

#include <QGridLayout>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace kafkascope {

OverviewPanel::OverviewPanel(ClusterSession *session, QWidget *parent)
    : QWidget(parent), m_bootstrap(session->profile().bootstrapServers), m_badge(new StatusBadge),
      m_error(new QLabel), m_clusterId(new QLabel), m_updated(new QLabel), m_groupsNote(new QLabel),
      m_brokers(new BrokerTableModel(this)), m_brokerView(new QTableView),
      m_brokerConfigButton(new QPushButton(tr("Broker &configuration…"))), m_session(session)
{
    setObjectName(QStringLiteral("overviewPanel"));
    m_badge->setObjectName(QStringLiteral("connectionBadge"));
    m_error->setObjectName(QStringLiteral("connectionError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d93a3a;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clusterId->setObjectName(QStringLiteral("clusterIdLabel"));
    m_groupsNote->setWordWrap(true);
    m_groupsNote->setObjectName(QStringLiteral("groupsNote"));
    m_groupsNote->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(session->profile().name.toHtmlEscaped()));
    auto *header = new QGridLayout;
    header->addWidget(title, 0, 0, 1, 2);
    header->addWidget(m_badge, 1, 0);
    header->addWidget(m_updated, 1, 1, Qt::AlignRight);
    header->addWidget(m_clusterId, 2, 0, 1, 2);
    header->addWidget(m_error, 3, 0, 1, 2);

    auto *figures = new QGridLayout;
    figures->setHorizontalSpacing(12);
    m_brokerCount = addFigure(tr("Brokers"), QStringLiteral("brokerCount"));
    m_topicCount = addFigure(tr("Topics"), QStringLiteral("topicCount"));
    m_partitionCount = addFigure(tr("Partitions"), QStringLiteral("partitionCount"));
    m_underReplicated = addFigure(tr("Under-replicated"), QStringLiteral("underReplicatedCount"));
    m_offline = addFigure(tr("Offline"), QStringLiteral("offlineCount"));
    m_groupCount = addFigure(tr("Consumer groups"), QStringLiteral("groupCount"));
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
    layout->addLayout(figures);
    auto *brokersTitle = new QHBoxLayout;
    brokersTitle->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Brokers"))));
    brokersTitle->addStretch();
    brokersTitle->addWidget(m_brokerConfigButton);
    layout->addLayout(brokersTitle);
    layout->addWidget(m_brokerView, 1);
    layout->addWidget(m_groupsNote);

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

    connect(session, &ClusterSession::statusChanged, this, &OverviewPanel::showStatus);
    connect(session, &ClusterSession::snapshotChanged, this, &OverviewPanel::showSnapshot);
    showStatus(session->status());
    showSnapshot(session->snapshot());
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

QLabel *OverviewPanel::addFigure(const QString &title, const QString &objectName)
{
    auto *box = new QLabel;
    box->setFrameShape(QFrame::StyledPanel);
    box->setAlignment(Qt::AlignCenter);
    box->setMinimumWidth(110);
    box->setProperty("title", title);
    box->setObjectName(objectName);
    box->setText(QStringLiteral("<div style='font-size:20pt'>–</div><div>%1</div>").arg(title));
    m_figureBoxes << box;
    return box;
}

namespace {
void setFigure(QLabel *box, int value, bool alarming = false)
{
    const QString colour = alarming && value > 0 ? QStringLiteral("color:#d93a3a;") : QString();
    box->setText(QStringLiteral("<div style='font-size:20pt;%1'>%2</div><div>%3</div>")
                     .arg(colour)
                     .arg(value)
                     .arg(box->property("title").toString()));
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

QString OverviewPanel::statusText() const
{
    return m_badge->text();
}

void OverviewPanel::showStatus(const SessionStatus &st)
{
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
}

void OverviewPanel::showSnapshot(const ClusterSnapshot &s)
{
    if (s.fetchedAt.isNull())
        return;
    m_brokers->setSnapshot(s);
    setFigure(m_brokerCount, int(s.brokers.size()));
    setFigure(m_topicCount, int(s.topics.size()));
    setFigure(m_partitionCount, s.partitionCount());
    setFigure(m_underReplicated, s.underReplicatedCount(), true);
    setFigure(m_offline, s.offlineCount(), true);
    setFigure(m_groupCount, int(s.groups.size()));
    showGroupTypes(s.groups);
    m_clusterId->setText(tr("Cluster id: %1   ·   Controller: %2")
                             .arg(s.clusterId.isEmpty() ? tr("unknown") : s.clusterId,
                                  s.controllerId < 0 ? tr("unknown") : tr("broker %1").arg(s.controllerId)));
    m_updated->setText(tr("Updated %1").arg(s.fetchedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    m_groupsNote->setText(s.groupsError);
    m_groupsNote->setVisible(!s.groupsError.isEmpty());
}

} // namespace kafkascope
