#pragma once
// --stats: prints, every few seconds, what the telemetry stores of the open panels say they
// hold, so that the soak benchmark can set the process's RSS beside the store's own figure.

#include <QObject>
#include <QElapsedTimer>
#include <QTimer>

class QWidget;

class StoreStats : public QObject
{
public:
    StoreStats(QWidget *window, int everySeconds);

private:
    void print();
    QWidget *m_window;
    QTimer m_timer;
    QElapsedTimer m_uptime;
};
