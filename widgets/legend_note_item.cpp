#include "legend_note_item.h"

LegendNoteItem::LegendNoteItem(QCPLegend *legend, const QString &text)
    : QCPAbstractLegendItem(legend), m_text(text)
{
    setFont(legend->font());
    setTextColor(legend->textColor());
}

void LegendNoteItem::draw(QCPPainter *painter)
{
    QFont italic = mFont;
    italic.setItalic(true);
    painter->setFont(italic);
    painter->setPen(QPen(mTextColor));
    painter->drawText(mRect, Qt::AlignLeft | Qt::AlignVCenter, m_text);
}

QSize LegendNoteItem::minimumOuterSizeHint() const
{
    QFont italic = mFont;
    italic.setItalic(true);
    const QSize text = QFontMetrics(italic).size(Qt::TextSingleLine, m_text);
    return text + QSize(mMargins.left() + mMargins.right(), mMargins.top() + mMargins.bottom());
}
