#include "alerts/alert_tray.h"

#include "alerts/alert_watcher.h"
#include "alerts/desktop_notifier.h"
#include "cluster/workspace.h"
#include "shell/theme.h"

#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

namespace kafkascope {

AlertTray::AlertTray(Workspace *workspace, QObject *parent)
    : QObject(parent), m_workspace(workspace), m_tray(new QSystemTrayIcon(this)), m_menu(new QMenu),
      m_notifier(new DesktopNotifier(m_tray, this))
{
    setObjectName(QStringLiteral("alertTray"));
    m_menu->addAction(tr("Show Kafkascope"), this, &AlertTray::showWindowRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &AlertTray::quitRequested);
    m_tray->setContextMenu(m_menu);
    m_tray->setIcon(iconFor(std::nullopt));
    m_tray->setToolTip(toolTip());
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            emit showWindowRequested();
    });
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
    // The workspace attaches a watcher to every session it opens before this runs.
    connect(&workspace->clusters(), &ClusterManager::sessionOpened, this,
            [this](ClusterSession *s) { watch(AlertWatcher::of(s->id())); });
    connect(&workspace->clusters(), &ClusterManager::sessionClosed, this, &AlertTray::updateWorst,
            Qt::QueuedConnection);
    for (AlertWatcher *w : AlertWatcher::all())
        watch(w);
}

AlertTray::~AlertTray()
{
    delete m_menu;
}

QIcon AlertTray::iconFor(std::optional<AlertSeverity> worst)
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = Theme::severityColor(worst ? int(*worst) : -1);
    p.setPen(QPen(c.darker(140), 4));
    p.setBrush(c);
    p.drawEllipse(QRectF(6, 6, 52, 52));
    p.end();
    return QIcon(pixmap);
}

QString AlertTray::toolTip() const
{
    int active = 0;
    for (AlertWatcher *w : AlertWatcher::all())
        active += int(w->active().size());
    if (!m_worst)
        return active ? tr("Kafkascope: %n alert(s) muted", nullptr, active) : tr("Kafkascope: no active alerts");
    return tr("Kafkascope: %n active alert(s), worst %1", nullptr, active).arg(severityName(*m_worst));
}

void AlertTray::watch(AlertWatcher *watcher)
{
    if (!watcher)
        return;
    connect(watcher, &AlertWatcher::alertsChanged, this,
            [this, watcher](const QList<AlertEvent> &events) { onAlerts(watcher, events); });
    connect(watcher, &QObject::destroyed, this, &AlertTray::updateWorst);
}

void AlertTray::onAlerts(AlertWatcher *watcher, const QList<AlertEvent> &events)
{
    for (const AlertEvent &e : events) {
        if (e.type != AlertEvent::Type::Fired || e.muted)
            continue;
        const auto urgency = e.severity == AlertSeverity::Critical ? DesktopNotifier::Urgency::Critical
            : e.severity == AlertSeverity::Warning                 ? DesktopNotifier::Urgency::Normal
                                                                   : DesktopNotifier::Urgency::Low;
        const QString subject = e.subject.isEmpty() ? QString() : QString(e.subject + QStringLiteral(": "));
        m_notifier->notify(QStringLiteral("%1 — %2").arg(e.ruleName, watcher->clusterName()), subject + e.figure,
                           urgency);
    }
    updateWorst();
}

void AlertTray::updateWorst()
{
    std::optional<AlertSeverity> worst;
    for (AlertWatcher *w : AlertWatcher::all())
        if (const auto s = w->worst(); s && (!worst || int(*s) > int(*worst)))
            worst = s;
    m_tray->setToolTip(toolTip());
    if (worst == m_worst && !m_first)
        return;
    m_first = false;
    m_worst = worst;
    m_tray->setIcon(iconFor(worst));
    m_tray->setToolTip(toolTip());
    emit worstChanged();
}

} // namespace kafkascope
