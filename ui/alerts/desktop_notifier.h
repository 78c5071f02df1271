#pragma once
// Sends a desktop notification through the freedesktop notification service
// (org.freedesktop.Notifications on the session bus), asynchronously so the UI never waits on
// the bus; falls back to the tray icon's balloon when no such service is running.

#include <QObject>
#include <QString>

class QSystemTrayIcon;

namespace kafkascope {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Urgency { Low = 0, Normal = 1, Critical = 2 };

    explicit DesktopNotifier(QSystemTrayIcon *fallback, QObject *parent = nullptr);

    void notify(const QString &title, const QString &body, Urgency urgency);
    int sent() const { return m_sent; }

signals:
    // The service answered (id) or refused (error); for tests and the status line.
    void delivered(uint id);
    void failed(const QString &error);

private:
    QSystemTrayIcon *m_fallback;
    int m_sent = 0;
};

} // namespace kafkascope
