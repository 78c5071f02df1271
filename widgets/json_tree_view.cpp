#include "json_tree_view.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QThreadPool>

namespace {

// Past this many items, dropping the old tree is left to a worker: freeing half a million
// items takes the UI thread a visible while.
constexpr qsizetype kFreeOffThread = 20000;

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::Bool: return QStringLiteral("bool");
    default: return QStringLiteral("null");
    }
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return u'"' + v.toString() + u'"';
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object: return QStringLiteral("{%1}").arg(v.toObject().size());
    case QJsonValue::Array: return QStringLiteral("[%1]").arg(v.toArray().size());
    default: return QStringLiteral("null");
    }
}

struct Builder
{
    qsizetype budget; // items still allowed; < 0: no cap
    qsizetype nodes = 0;
    bool capped = false;

    bool full() const { return budget >= 0 && nodes >= budget; }
    void more(QTreeWidgetItem *parent, qsizetype left)
    {
        capped = true;
        auto *item = new QTreeWidgetItem(parent, {JsonTreeView::tr("… %Ln more not shown (Show all)", nullptr, int(left))});
        item->setFirstColumnSpanned(true);
    }
    void add(QTreeWidgetItem *item, const QJsonValue &v)
    {
        ++nodes;
        item->setText(1, scalarText(v));
        item->setText(2, typeName(v));
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            qsizetype i = 0;
            for (auto it = o.begin(); it != o.end(); ++it, ++i) {
                if (full())
                    return more(item, o.size() - i);
                add(new QTreeWidgetItem(item, {it.key()}), it.value());
            }
        } else if (v.isArray()) {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (full())
                    return more(item, a.size() - i);
                add(new QTreeWidgetItem(item, {QStringLiteral("[%1]").arg(i)}), a[i]);
            }
        }
    }
};

constexpr qsizetype kLazyNodes = 20000; // past this many items a tree is handed over bare
constexpr qsizetype kSlice = 5000;

// Takes every item's children aside (off the UI thread, before any view owns them).
std::shared_ptr<JsonPendingChildren> detachAll(QTreeWidgetItem *root)
{
    auto pending = std::make_shared<JsonPendingChildren>();
    std::vector<QTreeWidgetItem *> work{root};
    while (!work.empty()) {
        QTreeWidgetItem *item = work.back();
        work.pop_back();
        if (item->childCount() == 0)
            continue;
        QList<QTreeWidgetItem *> children = item->takeChildren();
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        work.insert(work.end(), children.begin(), children.end());
        pending->children.emplace(item, std::move(children));
    }
    return pending;
}

} // namespace

JsonPendingChildren::~JsonPendingChildren()
{
    for (auto &[parent, list] : children)
        qDeleteAll(list); // each holds no children of its own: they are listed here too
}

JsonTreeView::JsonTreeView(QWidget *parent) : QTreeWidget(parent)
{
    m_slices.setInterval(0);
    connect(&m_slices, &QTimer::timeout, this, &JsonTreeView::attachRootSlice);
    connect(this, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem *item) {
        if (item != m_root)
            attach(item);
    });
    setColumnCount(3);
    setHeaderLabels({tr("Key"), tr("Value"), tr("Type")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
}

JsonFold JsonTreeView::fold(const QByteArray &bytes, qsizetype maxNodes)
{
    JsonFold out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::DeepNesting) {
        // Valid or not, the parser gave up on depth alone: never call such a document invalid.
        out.outcome = JsonFold::Outcome::TooDeep;
        out.error = tr("JSON nested too deep to fold (past %1 levels at character %2)").arg(1024).arg(error.offset + 1);
        return out;
    }
    if (error.error != QJsonParseError::NoError) {
        out.error = tr("Not JSON: %1 at character %2").arg(error.errorString()).arg(error.offset + 1);
        return out;
    }
    out.outcome = JsonFold::Outcome::Tree;
    out.pretty = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    Builder b{maxNodes};
    auto root = std::make_unique<QTreeWidgetItem>(QStringList{QStringLiteral("(root)")});
    b.add(root.get(), doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
    out.nodes = b.nodes;
    out.capped = b.capped;
    if (b.nodes > kLazyNodes)
        out.pending = detachAll(root.get());
    out.root = std::make_shared<std::unique_ptr<QTreeWidgetItem>>(std::move(root));
    return out;
}

void JsonTreeView::attach(QTreeWidgetItem *item)
{
    if (!m_pending)
        return;
    const auto it = m_pending->children.find(item);
    if (it == m_pending->children.end())
        return;
    QList<QTreeWidgetItem *> children = std::move(it->second);
    m_pending->children.erase(it);
    item->addChildren(children);
}

void JsonTreeView::attachRootSlice()
{
    const auto it = m_pending ? m_pending->children.find(m_root) : decltype(m_pending->children.end()){};
    if (!m_pending || it == m_pending->children.end()) {
        m_slices.stop();
        return;
    }
    QList<QTreeWidgetItem *> &children = it->second;
    const qsizetype n = std::min(kSlice, children.size() - m_rootAttached);
    m_root->addChildren(children.mid(m_rootAttached, n));
    m_rootAttached += n;
    if (m_rootAttached == children.size()) {
        m_pending->children.erase(it);
        m_slices.stop();
    }
}

void JsonTreeView::clearTree()
{
    m_slices.stop();
    if (m_pending && m_root) { // the root's children not yet attached stay listed: drop them from the list
        const auto it = m_pending->children.find(m_root);
        if (it != m_pending->children.end())
            it->second.remove(0, m_rootAttached);
    }
    if (m_nodes > kFreeOffThread && topLevelItemCount() == 1) {
        QTreeWidgetItem *old = takeTopLevelItem(0);
        QThreadPool::globalInstance()->start([old, pending = std::move(m_pending)] { delete old; });
    }
    m_pending.reset();
    m_root = nullptr;
    m_rootAttached = 0;
    clear();
    m_nodes = 0;
    m_capped = false;
    m_pretty.clear();
}

bool JsonTreeView::showFold(const JsonFold &fold)
{
    clearTree();
    m_error = fold.error;
    if (fold.outcome != JsonFold::Outcome::Tree || !fold.root || !*fold.root) {
        auto *item = new QTreeWidgetItem(this, {m_error});
        item->setFirstColumnSpanned(true);
        return false;
    }
    m_pretty = fold.pretty;
    m_nodes = fold.nodes;
    m_capped = fold.capped;
    m_root = fold.root->release();
    m_pending = fold.pending;
    addTopLevelItem(m_root);
    if (m_pending) {
        // Bare root, collapsed: laying out a hundred thousand rows is for when the user asks.
        m_rootAttached = 0;
        m_slices.start();
    } else {
        expandToDepth(m_nodes > 2000 ? 0 : 3);
    }
    resizeColumnToContents(0);
    return true;
}

bool JsonTreeView::setJson(const QByteArray &bytes)
{
    return showFold(fold(bytes));
}
