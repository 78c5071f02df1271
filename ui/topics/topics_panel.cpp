#include "topics/topics_panel.h"
#include "shell/theme.h"

#include "alerts/alert_watcher.h"
#include "topics/add_partitions_dialog.h"
#include "common/admin_notice.h"
#include "cluster/cluster_session.h"
#include "topics/create_topic_dialog.h"
#include "topics/delete_topics_dialog.h"
#include "models/partition_table_model.h"
#include "topics/elect_leaders_dialog.h"
#include "topics/purge_dialog.h"
#include "topics/topic_admin.h"
#include "topics/topic_config_view.h"
#include "models/topic_filter_proxy.h"
#include "topics/topic_stats_loader.h"
#include "models/topic_table_model.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace kafkascope {

namespace {
// Counts are approximate: one round per metadata refresh at most, and never two at once.
constexpr int kWatermarkIntervalMs = 4000;
}

TopicsPanel::TopicsPanel(ClusterSession *session, const QString &topic, QWidget *parent)
    : QWidget(parent), m_session(session), m_admin(new TopicAdmin(session, this)),
      m_stats(new TopicStatsLoader(m_admin, this)), m_model(new TopicTableModel(this)),
      m_proxy(new TopicFilterProxy(this)), m_partitions(new PartitionTableModel(this)), m_view(new QTableView),
      m_filter(new QLineEdit), m_regex(new QCheckBox(tr("Regex"))), m_hideInternal(new QCheckBox(tr("Hide internal"))),
      m_count(new QLabel), m_filterError(new QLabel), m_detailTitle(new QLabel), m_detail(new QTabWidget),
      m_config(new TopicConfigView(m_admin)), m_pendingFocus(topic)
{
    setObjectName(QStringLiteral("topicsPanel"));
    auto *toolbar = new QToolBar;
    toolbar->setObjectName(QStringLiteral("topicsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_newAction = addAction(tr("&New topic…"), QStringLiteral("newTopicAction"), QKeySequence::New, nullptr);
    m_deleteAction = addAction(tr("&Delete…"), QStringLiteral("deleteTopicAction"), QKeySequence::Delete, nullptr);
    m_addPartitionsAction = addAction(tr("Add &partitions…"), QStringLiteral("addPartitionsAction"), {}, nullptr);
    m_purgeAction = addAction(tr("P&urge records…"), QStringLiteral("purgeAction"), {}, nullptr);
    m_electAction = addAction(tr("Elect &leaders…"), QStringLiteral("electLeadersAction"), {}, nullptr);
    m_refreshAction = addAction(tr("&Refresh"), QStringLiteral("refreshAction"), QKeySequence::Refresh, &TopicsPanel::refresh);
    m_copyAction = addAction(tr("&Copy name"), QStringLiteral("copyNameAction"), QKeySequence::Copy, nullptr);
    connect(m_newAction, &QAction::triggered, this, [this] { newTopic(); });
    connect(m_deleteAction, &QAction::triggered, this, [this] { deleteSelected(); });
    connect(m_addPartitionsAction, &QAction::triggered, this, [this] { addPartitions(); });
    connect(m_purgeAction, &QAction::triggered, this, [this] { purgeSelected(); });
    connect(m_electAction, &QAction::triggered, this, [this] { electLeaders(); });
    connect(m_copyAction, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(selectedTopics().join(u'\n')); });
    for (QAction *a : {m_newAction, m_deleteAction, m_addPartitionsAction, m_purgeAction, m_electAction, m_refreshAction})
        toolbar->addAction(a);
    toolbar->addSeparator();
    m_filter->setObjectName(QStringLiteral("topicFilter"));
    m_filter->setPlaceholderText(tr("Filter topics (substring)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(240);
    m_regex->setObjectName(QStringLiteral("regexCheck"));
    m_hideInternal->setObjectName(QStringLiteral("hideInternalCheck"));
    m_hideInternal->setChecked(true);
    m_groupQueues = new QCheckBox(tr("Group queues"));
    m_groupQueues->setObjectName(QStringLiteral("groupQueuesCheck"));
    m_groupQueues->setToolTip(tr("Show the topics of one queue spread over topics named by partition "
                                 "(ThingsBoard's tb_rule_engine.main.0, .1, …) as one row with their totals"));
    toolbar->addWidget(m_filter);
    toolbar->addWidget(m_regex);
    toolbar->addWidget(m_hideInternal);
    toolbar->addWidget(m_groupQueues);
    m_count->setObjectName(QStringLiteral("topicCount"));
    m_count->setContentsMargins(8, 0, 0, 0);
    toolbar->addWidget(m_count);
    m_filterError->setObjectName(QStringLiteral("filterError"));
    m_filterError->setStyleSheet(Theme::errorStyleSheet());
    m_filterError->hide();

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("topicTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TopicTableModel::Name, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights and no per-row size hints keep 5,000+ rows cheap to lay out.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(TopicTableModel::Name, 280);
    m_view->setColumnWidth(TopicTableModel::Partitions, 80);
    m_view->setColumnWidth(TopicTableModel::ReplicationFactor, 40);
    m_view->setColumnWidth(TopicTableModel::UnderReplicated, 120);
    m_view->setColumnWidth(TopicTableModel::Offline, 60);
    m_view->setColumnWidth(TopicTableModel::Messages, 140);
    m_view->setColumnWidth(TopicTableModel::Retention, 150);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *partitionView = new QTableView;
    partitionView->setObjectName(QStringLiteral("partitionTable"));
    partitionView->setModel(m_partitions);
    partitionView->verticalHeader()->hide();
    partitionView->setAlternatingRowColors(true);
    partitionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    partitionView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_detail->setObjectName(QStringLiteral("topicDetail"));
    m_detail->addTab(partitionView, tr("Partitions"));
    m_detail->addTab(m_config, tr("Configuration"));
    m_detailTitle->setObjectName(QStringLiteral("detailTitle"));
    auto *detailBox = new QWidget;
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 4, 0, 0);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_detail, 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_view);
    splitter->addWidget(detailBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    if (!m_admin->supportsAdmin())
        layout->addWidget(makeAdminNotice(m_admin->unsupportedReason()));
    layout->addWidget(toolbar);
    layout->addWidget(m_filterError);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &TopicsPanel::applyFilter);
    connect(m_regex, &QCheckBox::toggled, this, &TopicsPanel::applyFilter);
    connect(m_groupQueues, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setGroupQueues(on);
        applyFilter();
    });
    connect(m_hideInternal, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setHideInternal(on);
        applyFilter();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetail();
    });
    connect(m_view, &QTableView::customContextMenuRequested, this, &TopicsPanel::showContextMenu);
    connect(m_view, &QTableView::doubleClicked, this, [this] { m_detail->setCurrentWidget(m_config); });
    connect(m_stats, &TopicStatsLoader::countsReady, this, [this](const QHash<QString, qint64> &counts) {
        m_model->setMessageCounts(counts);
        showDetail();
    });
    connect(m_stats, &TopicStatsLoader::summariesReady, m_model, &TopicTableModel::setConfigSummaries);
    connect(m_stats, &TopicStatsLoader::summariesFailed, m_model, &TopicTableModel::setConfigUnavailable);
    connect(m_config, &TopicConfigView::configChanged, this, [this](const QString &t) {
        m_summarised.removeAll(t);
        m_stats->loadSummaries({t});
        m_summarised << t;
    });
    connect(session, &ClusterSession::snapshotChanged, this, &TopicsPanel::applySnapshot);
    // Per-topic lag of the groups reading it, from the group monitor the alert watcher keeps.
    if (AlertWatcher *watcher = AlertWatcher::of(session->id())) {
        connect(watcher, &AlertWatcher::topicLagChanged, m_model, &TopicTableModel::setGroupLag);
        m_model->setGroupLag(watcher->topicGroupLag());
    }
    if (!m_admin->supportsAdmin())
        m_model->setConfigUnavailable(m_admin->unsupportedReason());
    applySnapshot(session->snapshot());
    updateActions();
}

QAction *TopicsPanel::addAction(const QString &text, const QString &objectName, const QKeySequence &key,
                                void (TopicsPanel::*slot)())
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    if (!key.isEmpty()) {
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(u'&').remove(QStringLiteral("…")),
                                                        key.toString(QKeySequence::NativeText)));
    }
    QWidget::addAction(action);
    if (slot)
        connect(action, &QAction::triggered, this, slot);
    return action;
}

void TopicsPanel::applySnapshot(const ClusterSnapshot &s)
{
    if (s.fetchedAt.isNull())
        return;
    m_topics = s.topics;
    m_brokerCount = int(s.brokers.size());
    m_model->setTopics(s.topics);
    applyFilter();
    if (!m_pendingFocus.isEmpty() && focusTopic(m_pendingFocus))
        m_pendingFocus.clear();
    // Watermarks: after a change of the topic set, else at most every kWatermarkIntervalMs.
    if (!m_stats->watermarksRunning() && (!m_sinceWatermarks.isValid() || m_sinceWatermarks.elapsed() > kWatermarkIntervalMs)) {
        m_sinceWatermarks.start();
        m_stats->loadWatermarks(s.topics);
    }
    if (m_admin->supportsAdmin() && !m_stats->summariesRunning()) {
        const QSet<QString> known(m_summarised.cbegin(), m_summarised.cend());
        QStringList missing;
        for (const TopicInfo &t : s.topics)
            if (!known.contains(t.name))
                missing << t.name;
        if (!missing.isEmpty()) {
            m_summarised << missing;
            m_stats->loadSummaries(missing);
        }
    }
    showDetail();
    updateActions();
}

void TopicsPanel::applyFilter()
{
    const QString error = m_proxy->setNameFilter(m_filter->text(), m_regex->isChecked());
    m_filterError->setText(error);
    m_filterError->setVisible(!error.isEmpty());
    m_filter->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("border: 1px solid %1;").arg(Theme::errorColor().name()));
    m_count->setText(m_proxy->rowCount() == m_model->rowCount()
                         ? tr("%n topic(s)", nullptr, m_model->rowCount())
                         : tr("%1 of %2 topics").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

QStringList TopicsPanel::selectedTopics() const
{
    QStringList out;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        out << m_model->topicsAt(m_proxy->mapToSource(i).row()); // a queue row: its topics
    out.sort();
    return out;
}

QString TopicsPanel::currentTopic() const
{
    const QStringList selected = selectedTopics();
    return selected.size() == 1 ? selected.first() : QString();
}

bool TopicsPanel::focusTopic(const QString &topic)
{
    const int row = m_model->rowOf(topic);
    if (row < 0) {
        m_pendingFocus = topic; // not in the metadata yet: select it when it shows up
        return false;
    }
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_filter->clear();
        if (m_model->topic(row).internal())
            m_hideInternal->setChecked(false);
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void TopicsPanel::updateActions()
{
    const QStringList selected = selectedTopics();
    const bool admin = m_admin->supportsAdmin();
    const bool connected = m_session->hasClient();
    m_newAction->setEnabled(admin && connected);
    m_deleteAction->setEnabled(admin && connected && !selected.isEmpty());
    m_addPartitionsAction->setEnabled(admin && connected && selected.size() == 1);
    m_purgeAction->setEnabled(admin && connected && selected.size() == 1);
    m_electAction->setEnabled(admin && connected && selected.size() == 1);
    m_copyAction->setEnabled(!selected.isEmpty());
    if (!admin)
        for (QAction *a : {m_newAction, m_deleteAction, m_addPartitionsAction, m_purgeAction, m_electAction})
            a->setStatusTip(m_admin->unsupportedReason());
}

void TopicsPanel::showDetail()
{
    const QString name = currentTopic();
    const TopicInfo *topic = nullptr;
    for (const TopicInfo &t : std::as_const(m_topics))
        if (t.name == name)
            topic = &t;
    if (!topic) {
        const int n = int(selectedTopics().size());
        m_detailTitle->setText(n > 1 ? tr("%n topics selected", nullptr, n) : tr("Select a topic to see its partitions and configuration."));
        m_partitions->setTopic(TopicInfo{}, {});
        return;
    }
    m_detailTitle->setText(tr("<b>%1</b> — %n partition(s), replication factor %2", nullptr, int(topic->partitions.size()))
                               .arg(topic->name.toHtmlEscaped())
                               .arg(topic->replicationFactor()));
    m_partitions->setTopic(*topic, m_stats->partitionOffsets(topic->name));
    m_config->setTopic(topic->name);
}

void TopicsPanel::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (QAction *a : {m_newAction, m_deleteAction, m_addPartitionsAction, m_purgeAction, m_electAction})
        menu.addAction(a);
    menu.addSeparator();
    menu.addAction(m_copyAction);
    menu.addAction(m_refreshAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void TopicsPanel::refresh()
{
    m_sinceWatermarks.invalidate(); // counts follow on the next snapshot
    if (m_session->hasClient())
        QMetaObject::invokeMethod(m_session, &ClusterSession::refreshNow, Qt::QueuedConnection);
    m_config->reload();
}

QDialog *TopicsPanel::newTopic()
{
    if (!m_newAction->isEnabled())
        return nullptr;
    auto *dialog = new CreateTopicDialog(m_admin, m_brokerCount, m_model->names(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { focusTopic(dialog->createdTopic()); });
    dialog->open();
    return dialog;
}

QDialog *TopicsPanel::deleteSelected()
{
    const QStringList topics = selectedTopics();
    if (!m_deleteAction->isEnabled() || topics.isEmpty())
        return nullptr;
    auto *dialog = new DeleteTopicsDialog(m_admin, topics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QDialog *TopicsPanel::addPartitions()
{
    const QString topic = currentTopic();
    const int row = m_model->rowOf(topic);
    if (!m_addPartitionsAction->isEnabled() || row < 0)
        return nullptr;
    auto *dialog = new AddPartitionsDialog(m_admin, topic, int(m_model->topic(row).partitions.size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { m_sinceWatermarks.invalidate(); });
    dialog->open();
    return dialog;
}

QDialog *TopicsPanel::purgeSelected()
{
    const QString topic = currentTopic();
    const int row = m_model->rowOf(topic);
    if (!m_purgeAction->isEnabled() || row < 0)
        return nullptr;
    QList<int> partitions;
    for (const PartitionInfo &p : m_model->topic(row).partitions)
        partitions << p.id;
    auto *dialog = new PurgeDialog(m_admin, topic, partitions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this] {
        m_sinceWatermarks.invalidate();
        refresh();
    });
    dialog->open();
    return dialog;
}

QDialog *TopicsPanel::electLeaders()
{
    const QString topic = currentTopic();
    const int row = m_model->rowOf(topic);
    if (!m_electAction->isEnabled() || row < 0)
        return nullptr;
    auto *dialog = new ElectLeadersDialog(m_admin, m_model->topic(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this] { refresh(); });
    dialog->open();
    return dialog;
}

} // namespace kafkascope
