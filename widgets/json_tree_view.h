#pragma once
// Pretty JSON with folding: a tree of keys, values and types built from raw bytes.
// Objects and arrays fold; the first levels start expanded. The tree can be built on any
// thread (fold()) and shown later, with a node cap so a huge document shows at once and
// "show all" builds the rest off the UI thread. Kafka-agnostic.

#include <QTreeWidget>
#include <QTimer>
#include <memory>
#include <unordered_map>

// Children not yet in the view, by parent: a big tree is handed over bare and filled in as
// it is opened, because putting an item into a view touches every item under it.
struct JsonPendingChildren
{
    std::unordered_map<QTreeWidgetItem *, QList<QTreeWidgetItem *>> children;
    ~JsonPendingChildren();
};

// What fold() made of some bytes: a tree to show, or why there is none.
struct JsonFold
{
    enum class Outcome { Tree, NotJson, TooDeep };
    Outcome outcome = Outcome::NotJson;
    QString error;  // the parser's complaint, or the depth limit
    QString pretty; // the document indented, for copying (empty unless Tree)
    // Items are no QObjects: built on a worker, handed over to the view on the UI thread.
    std::shared_ptr<std::unique_ptr<QTreeWidgetItem>> root;
    std::shared_ptr<JsonPendingChildren> pending; // big trees only
    qsizetype nodes = 0;  // items built
    bool capped = false;  // some values were left out for the node cap
};

class JsonTreeView : public QTreeWidget
{
    Q_OBJECT
public:
    static constexpr qsizetype kNoCap = -1;
    explicit JsonTreeView(QWidget *parent = nullptr);
    // Thread-safe: parses and builds at most maxNodes items (kNoCap: all of them).
    static JsonFold fold(const QByteArray &bytes, qsizetype maxNodes = kNoCap);
    // Shows what fold() built (taking its items) or its complaint; returns whether a tree shows.
    bool showFold(const JsonFold &fold);
    // Shows `bytes` as a tree; returns false (and shows the parser's complaint) when not JSON.
    bool setJson(const QByteArray &bytes);
    const QString &parseError() const { return m_error; }
    // The document indented, for copying.
    QString prettyText() const { return m_pretty; }
    bool isCapped() const { return m_capped; }
    qsizetype nodeCount() const { return m_nodes; }
    void clearTree();

private:
    QString m_error;
    QString m_pretty;
    void attach(QTreeWidgetItem *item);
    void attachRootSlice();
    qsizetype m_nodes = 0;
    bool m_capped = false;
    std::shared_ptr<JsonPendingChildren> m_pending;
    QTreeWidgetItem *m_root = nullptr;
    qsizetype m_rootAttached = 0;
    QTimer m_slices; // the root's children go in a slice per event-loop turn
};
