#pragma once
// A coloured dot and a short text: the at-a-glance state of something (a connection,
// a group's health). Knows nothing of Kafka.

#include <QWidget>

class QLabel;

class StatusBadge : public QWidget
{
    Q_OBJECT
public:
    enum class Tone { Neutral, Good, Busy, Warning, Bad };
    explicit StatusBadge(QWidget *parent = nullptr);

    void setStatus(Tone tone, const QString &text, const QString &detail = {});
    Tone tone() const { return m_tone; }
    QString text() const;
    static QColor color(Tone tone);
    static QIcon dotIcon(Tone tone, int size = 12);

private:
    Tone m_tone = Tone::Neutral;
    QLabel *m_dot;
    QLabel *m_text;
};
