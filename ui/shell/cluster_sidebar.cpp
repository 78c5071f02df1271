#include "shell/cluster_sidebar.h"

#include "models/cluster_tree_model.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace kafkascope {

ClusterSidebar::ClusterSidebar(Workspace *workspace, QWidget *parent)
    : QWidget(parent), m_model(new ClusterTreeModel(workspace, this)),
      m_filter(new QSortFilterProxyModel(this)), m_view(new QTreeView), m_search(new QLineEdit)
{
    m_filter->setSourceModel(m_model);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setObjectName(QStringLiteral("sidebarSearch"));
    m_search->setPlaceholderText(tr("Filter clusters, topics, groups…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("clusterTree"));
    m_view->setModel(m_filter);
    m_view->header()->hide();
    m_view->setUniformRowHeights(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setExpandsOnDoubleClick(false);

    auto *internal = new QCheckBox(tr("Show internal topics"));
    internal->setObjectName(QStringLiteral("showInternalTopics"));
    connect(internal, &QCheckBox::toggled, m_model, &ClusterTreeModel::setShowInternalTopics);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(internal);

    connect(m_view, &QTreeView::activated, this,
            [this](const QModelIndex &i) { emit activated(m_filter->mapToSource(i)); });
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex idx = m_view->indexAt(pos);
        if (!idx.isValid())
            return;
        QMenu menu(this);
        emit contextMenuRequested(m_filter->mapToSource(idx), &menu);
        if (!menu.isEmpty())
            menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                emit currentClusterChanged(current.data(ClusterTreeModel::ClusterIdRole).toString());
            });
}

QString ClusterSidebar::currentClusterId() const
{
    return m_view->currentIndex().data(ClusterTreeModel::ClusterIdRole).toString();
}

QString ClusterSidebar::currentItemName(int kind) const
{
    const QModelIndex current = m_view->currentIndex();
    return current.data(ClusterTreeModel::KindRole).toInt() == kind ? current.data(ClusterTreeModel::NameRole).toString()
                                                                     : QString();
}

void ClusterSidebar::selectCluster(const QString &id)
{
    const QModelIndex idx = m_filter->mapFromSource(m_model->clusterIndex(id));
    if (idx.isValid())
        m_view->setCurrentIndex(idx);
}

QModelIndex ClusterSidebar::sourceIndex(const QModelIndex &viewIndex) const
{
    return m_filter->mapToSource(viewIndex);
}

} // namespace kafkascope
