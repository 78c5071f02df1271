#include "sparkline.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

Sparkline::Sparkline(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setPoints(std::vector<double> t, std::vector<double> v, double windowEnd, double windowSeconds)
{
    m_t = std::move(t);
    m_v = std::move(v);
    m_end = windowEnd;
    m_window = std::max(1.0, windowSeconds);
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1, 3, -1, -2);
    const QColor line = palette().color(QPalette::Highlight);
    QColor base = palette().color(QPalette::Mid);
    painter.setPen(QPen(base, 1, Qt::DotLine));
    painter.drawLine(area.bottomLeft(), area.bottomRight()); // the 0 line
    double top = 0;
    for (double v : m_v)
        if (std::isfinite(v))
            top = std::max(top, v);
    if (top <= 0)
        top = 1; // idle: a flat line on the baseline
    const double from = m_end - m_window;
    auto at = [&](size_t i) {
        return QPointF(area.left() + (m_t[i] - from) / m_window * area.width(),
                       area.bottom() - std::max(0.0, m_v[i]) / top * area.height());
    };
    QPainterPath path, fill;
    bool drawing = false;
    QColor shade = line;
    shade.setAlpha(50);
    for (size_t i = 0; i < m_t.size() && i < m_v.size(); ++i) {
        if (m_t[i] < from || !std::isfinite(m_v[i])) { // outside the window, or a gap
            drawing = false;
            continue;
        }
        const QPointF p = at(i);
        if (!drawing) {
            path.moveTo(p);
            fill.moveTo(p.x(), area.bottom());
            fill.lineTo(p);
        } else {
            path.lineTo(p);
            fill.lineTo(p);
        }
        const bool ends = i + 1 >= m_t.size() || !std::isfinite(m_v[i + 1]);
        if (ends)
            fill.lineTo(p.x(), area.bottom());
        drawing = true;
    }
    painter.fillPath(fill, shade);
    painter.setPen(QPen(line, 1.5));
    painter.drawPath(path);
}
