#include "status_badge.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

StatusBadge::StatusBadge(QWidget *parent) : QWidget(parent), m_dot(new QLabel), m_text(new QLabel)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_text, 1);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setStatus(Tone::Neutral, {});
}

void StatusBadge::setStatus(Tone tone, const QString &text, const QString &detail)
{
    m_tone = tone;
    m_dot->setPixmap(dotIcon(tone, 12).pixmap(12, 12));
    m_text->setText(text);
    setToolTip(detail);
}

QString StatusBadge::text() const
{
    return m_text->text();
}

QColor StatusBadge::color(Tone tone)
{
    switch (tone) {
    case Tone::Good: return QColor(0x2e, 0xa0, 0x43);
    case Tone::Busy: return QColor(0x3b, 0x82, 0xf6);
    case Tone::Warning: return QColor(0xe0, 0x9b, 0x18);
    case Tone::Bad: return QColor(0xd9, 0x3a, 0x3a); // the app's one error colour (Theme::errorColor())
    case Tone::Neutral: break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QIcon StatusBadge::dotIcon(Tone tone, int size)
{
    QPixmap pixmap(size * 2, size * 2); // drawn at 2x so it stays crisp on High-DPI screens
    pixmap.setDevicePixelRatio(2.0);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color(tone));
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return QIcon(pixmap);
}
