#include "models/cluster_tree_model.h"

#include "status_badge.h"
#include "cluster/workspace.h"

#include <QIcon>

namespace kafkascope {

struct ClusterTreeModel::Node
{
    Kind kind;
    QString clusterId;
    QString key;   // topic/group name, broker id; for clusters the profile name
    QString label; // what the tree shows
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    SessionStatus status;      // clusters only
    ClusterSnapshot snapshot;  // clusters only
    int row() const;
};

int ClusterTreeModel::Node::row() const
{
    if (!parent)
        return -1;
    for (size_t i = 0; i < parent->children.size(); ++i)
        if (parent->children[i].get() == this)
            return int(i);
    return -1;
}

ClusterTreeModel::ClusterTreeModel(Workspace *workspace, QObject *parent)
    : QAbstractItemModel(parent), m_workspace(workspace)
{
    reloadProfiles();
    connect(workspace, &Workspace::profilesChanged, this, &ClusterTreeModel::reloadProfiles);
    auto &clusters = workspace->clusters();
    connect(&clusters, &ClusterManager::sessionOpened, this, &ClusterTreeModel::attach);
    connect(&clusters, &ClusterManager::sessionClosed, this, [this](const QString &id) {
        if (Node *n = clusterNode(id)) {
            clearChildren(n);
            applyStatus(id, SessionStatus{});
        }
    });
    for (ClusterSession *s : clusters.sessions())
        attach(s);
}

ClusterTreeModel::~ClusterTreeModel() = default;

void ClusterTreeModel::reloadProfiles()
{
    // Profiles change rarely (user edits): a reset is fine, sessions re-fill children.
    beginResetModel();
    m_clusters.clear();
    for (const ConnectionProfile &p : m_workspace->profiles()) {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Cluster;
        node->clusterId = p.id;
        node->key = p.name;
        node->label = p.name;
        m_clusters.push_back(std::move(node));
    }
    endResetModel();
    for (ClusterSession *s : m_workspace->clusters().sessions()) {
        applyStatus(s->id(), s->status());
        applySnapshot(s->id(), s->snapshot());
    }
}

void ClusterTreeModel::attach(ClusterSession *session)
{
    const QString id = session->id();
    connect(session, &ClusterSession::statusChanged, this,
            [this, id](const SessionStatus &st) { applyStatus(id, st); });
    connect(session, &ClusterSession::snapshotChanged, this,
            [this, id](const ClusterSnapshot &s) { applySnapshot(id, s); });
    applyStatus(id, session->status());
}

void ClusterTreeModel::applyStatus(const QString &id, const SessionStatus &status)
{
    Node *n = clusterNode(id);
    if (!n)
        return;
    n->status = status;
    const QModelIndex idx = indexOf(n);
    emit dataChanged(idx, idx);
}

void ClusterTreeModel::setShowInternalTopics(bool show)
{
    m_showInternal = show;
    for (auto &c : m_clusters)
        if (!c->children.empty())
            applySnapshot(c->clusterId, c->snapshot);
}

void ClusterTreeModel::applySnapshot(const QString &id, const ClusterSnapshot &s)
{
    Node *n = clusterNode(id);
    if (!n || s.fetchedAt.isNull())
        return;
    n->snapshot = s;
    QStringList brokerKeys, brokerLabels, topicKeys, groupKeys;
    for (const BrokerInfo &b : s.brokers) {
        brokerKeys << QString::number(b.id);
        brokerLabels << QStringLiteral("%1  %2:%3%4")
                            .arg(b.id)
                            .arg(b.host)
                            .arg(b.port)
                            .arg(b.id == s.controllerId ? QStringLiteral("  (controller)") : QString());
    }
    for (const TopicInfo &t : s.topics)
        if (m_showInternal || !t.internal())
            topicKeys << t.name;
    for (const GroupListing &g : s.groups)
        groupKeys << g.id;
    if (n->children.empty()) {
        beginInsertRows(indexOf(n), 0, 2);
        for (const char16_t *title : {u"Brokers", u"Topics", u"Consumer groups"}) {
            auto cat = std::make_unique<Node>();
            cat->kind = Kind::Category;
            cat->clusterId = id;
            cat->key = QString::fromUtf16(title);
            cat->parent = n;
            n->children.push_back(std::move(cat));
        }
        endInsertRows();
    }
    setCategory(n, 0, QStringLiteral("Brokers"), brokerKeys, brokerLabels, Kind::Broker);
    setCategory(n, 1, QStringLiteral("Topics"), topicKeys, topicKeys, Kind::Topic);
    setCategory(n, 2, QStringLiteral("Consumer groups"), groupKeys, groupKeys, Kind::Group);
}

void ClusterTreeModel::setCategory(Node *cluster, int row, const QString &title,
                                   const QStringList &keys, const QStringList &labels, Kind kind)
{
    Node *cat = cluster->children[size_t(row)].get();
    const QString label = QStringLiteral("%1 (%2)").arg(title).arg(keys.size());
    QStringList oldKeys;
    for (const auto &c : cat->children)
        oldKeys << c->key;
    const QModelIndex catIndex = indexOf(cat);
    if (oldKeys != keys) {
        if (!cat->children.empty()) {
            beginRemoveRows(catIndex, 0, int(cat->children.size()) - 1);
            cat->children.clear();
            endRemoveRows();
        }
        if (!keys.isEmpty()) {
            beginInsertRows(catIndex, 0, int(keys.size()) - 1);
            for (qsizetype i = 0; i < keys.size(); ++i) {
                auto leaf = std::make_unique<Node>();
                leaf->kind = kind;
                leaf->clusterId = cluster->clusterId;
                leaf->key = keys[i];
                leaf->label = labels[i];
                leaf->parent = cat;
                cat->children.push_back(std::move(leaf));
            }
            endInsertRows();
        }
    } else {
        bool changed = false;
        for (qsizetype i = 0; i < keys.size(); ++i)
            if (cat->children[size_t(i)]->label != labels[i]) {
                cat->children[size_t(i)]->label = labels[i];
                changed = true;
            }
        if (changed)
            emit dataChanged(index(0, 0, catIndex), index(int(keys.size()) - 1, 0, catIndex));
    }
    if (cat->label != label) {
        cat->label = label;
        emit dataChanged(catIndex, catIndex);
    }
}

void ClusterTreeModel::clearChildren(Node *cluster)
{
    if (cluster->children.empty())
        return;
    beginRemoveRows(indexOf(cluster), 0, int(cluster->children.size()) - 1);
    cluster->children.clear();
    endRemoveRows();
    cluster->snapshot = {};
}

QModelIndex ClusterTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_clusters.size()) ? createIndex(row, 0, m_clusters[size_t(row)].get())
                                             : QModelIndex();
    Node *p = nodeOf(parent);
    return row < int(p->children.size()) ? createIndex(row, 0, p->children[size_t(row)].get())
                                          : QModelIndex();
}

QModelIndex ClusterTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *n = nodeOf(child);
    return n->parent ? indexOf(n->parent) : QModelIndex();
}

int ClusterTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_clusters.size());
    if (parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ClusterTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

namespace {
StatusBadge::Tone toneOf(const SessionStatus &st)
{
    switch (st.state) {
    case SessionState::Connected: return StatusBadge::Tone::Good;
    case SessionState::Connecting: return StatusBadge::Tone::Busy;
    case SessionState::Degraded: return StatusBadge::Tone::Warning;
    case SessionState::Disconnected: break;
    }
    return st.lastError.isEmpty() ? StatusBadge::Tone::Neutral : StatusBadge::Tone::Bad;
}
} // namespace

QVariant ClusterTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (n->kind == Kind::Cluster && (n->status.state != SessionState::Disconnected || !n->status.lastError.isEmpty()))
            return QString(n->label + QStringLiteral("  —  ") + describe(n->status).toLower());
        return n->label;
    case Qt::DecorationRole:
        if (n->kind == Kind::Cluster)
            return StatusBadge::dotIcon(toneOf(n->status));
        return {};
    case Qt::ToolTipRole:
        if (n->kind == Kind::Cluster)
            return n->status.lastError.isEmpty() ? displayName(n->status.state) : n->status.lastError;
        return n->label;
    case KindRole: return int(n->kind);
    case ClusterIdRole: return n->clusterId;
    case NameRole: return n->key;
    case StateRole: return int(n->status.state);
    default: return {};
    }
}

QModelIndex ClusterTreeModel::clusterIndex(const QString &clusterId) const
{
    Node *n = clusterNode(clusterId);
    return n ? indexOf(n) : QModelIndex();
}

QModelIndex ClusterTreeModel::indexOf(Node *node) const
{
    if (!node->parent) {
        for (size_t i = 0; i < m_clusters.size(); ++i)
            if (m_clusters[i].get() == node)
                return createIndex(int(i), 0, node);
        return {};
    }
    return createIndex(node->row(), 0, node);
}

ClusterTreeModel::Node *ClusterTreeModel::nodeOf(const QModelIndex &index) const
{
    return static_cast<Node *>(index.internalPointer());
}

ClusterTreeModel::Node *ClusterTreeModel::clusterNode(const QString &id) const
{
    for (const auto &c : m_clusters)
        if (c->clusterId == id)
            return c.get();
    return nullptr;
}

} // namespace kafkascope
