#include "alerts/desktop_notifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>
#include <QVariantMap>

namespace kafkascope {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
}

DesktopNotifier::DesktopNotifier(QSystemTrayIcon *fallback, QObject *parent)
    : QObject(parent), m_fallback(fallback)
{
}

void DesktopNotifier::notify(const QString &title, const QString &body, Urgency urgency)
{
    ++m_sent;
    QDBusConnection bus = QDBusConnection::sessionBus();
    auto fallback = [this, title, body, urgency](const QString &why) {
        if (m_fallback && m_fallback->isVisible() && QSystemTrayIcon::supportsMessages())
            m_fallback->showMessage(title, body,
                                    urgency == Urgency::Critical ? QSystemTrayIcon::Critical
                                                                 : QSystemTrayIcon::Warning);
        emit failed(why);
    };
    if (!bus.isConnected()) {
        fallback(tr("No session bus"));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, QStringLiteral("/org/freedesktop/Notifications"),
                                                       kService, QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue(uchar(urgency))},
                            {QStringLiteral("desktop-entry"), QStringLiteral("kafkascope")}};
    call << QStringLiteral("Kafkascope") << uint(0) << QStringLiteral("kafkascope") << title << body
         << QStringList() << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, fallback](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError())
            fallback(reply.error().message()); // no notification service: the tray's balloon
        else
            emit delivered(reply.value());
        w->deleteLater();
    });
}

} // namespace kafkascope
