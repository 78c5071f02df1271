#include "sparkline_delegate.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

SparklineDelegate::SparklineDelegate(int valuesRole, QObject *parent) : QStyledItemDelegate(parent), m_role(valuesRole)
{
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant data = index.data(m_role);
    if (!data.canConvert<QVector<double>>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QVector<double> values = data.value<QVector<double>>();
    // Background and selection as the style draws them, without text.
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.widget ? opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget)
               : QStyledItemDelegate::paint(painter, opt, index);
    if (values.size() < 2)
        return;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const double span = *hi - *lo;
    const QRectF r = QRectF(option.rect).adjusted(3, 3, -3, -3);
    QPainterPath path;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double x = r.left() + r.width() * double(i) / double(values.size() - 1);
        const double y = span > 0 ? r.bottom() - r.height() * (values[i] - *lo) / span : r.center().y();
        i == 0 ? path.moveTo(x, y) : path.lineTo(x, y);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? option.palette.highlightedText().color() : QColor(0x1f, 0x77, 0xb4), 1.3));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 90));
    return s;
}
