#pragma once
// The kinds of panel a cluster can open (overview, topics, throughput, ...). Each feature
// registers its panel once; the main window builds menus, toolbar and tabs from the list.

#include <QIcon>
#include <QString>
#include <functional>

class QWidget;

namespace kafkascope {

class ClusterSession;
class Workspace;

struct PanelContext
{
    ClusterSession *session = nullptr;
    Workspace *workspace = nullptr;
    QString topic; // set when opened from a topic (may be empty)
};

// A panel that can show one named item (a topic, a group) has a public
//   Q_INVOKABLE void focusItem(const QString &name);
// MainWindow calls it when the panel is already open and the user picks another item.
//
// A panel that leads to another one emits, and the main window opens the target panel and
// calls its invokable:
//   signal openMessagesRequested(QString topic, int partition, qint64 timestampMs)
//       -> "browser" panel, Q_INVOKABLE showMessagesAt(topic, partition, timestampMs)
//   signal replayIntoChartsRequested(QStringList topics, qint64 fromMs, qint64 toMs)
//       -> "telemetry" panel, Q_INVOKABLE replayRange(topics, fromMs, toMs)
//   signal openPanelRequested(QString kind, QString item)
//       -> the panel of that kind, focusItem(item) (the alert log's links)

struct PanelKind
{
    enum class Item { None, Topic, Group }; // what PanelContext::topic / focusItem name
    QString id;    // "overview", "topics", ...
    QString title; // "Overview"
    QString shortcut; // e.g. "Ctrl+1"; may be empty
    std::function<QWidget *(const PanelContext &)> create;
    Item item = Item::None; // a menu on such an item offers this panel, opened on it
};

// Every panel kind of the application, in menu order.
QList<PanelKind> panelKinds();

} // namespace kafkascope
